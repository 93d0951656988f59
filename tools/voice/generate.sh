#!/usr/bin/env bash
# Regenerates the offline voice-call clips used by the TV display:
#   public/voice/vi/*.opus, public/voice/en/*.opus, public/voice/manifest.json
#
# Everything is synthesised locally (no network): speech with espeak-ng,
# the chime with sox, encoded to Ogg Opus (mono, 24 kbit/s, tuned for
# speech) with opusenc. Output is byte-for-byte reproducible with the same
# Debian package versions (fixed Ogg serial, no timestamps).
#
# Debian packages: espeak-ng sox opus-tools
#   apt-get install -y espeak-ng sox opus-tools
#
# Usage: tools/voice/generate.sh            (from anywhere in the repo)
# Clip ids are the contract with display/voice/announcer.ts:
#   chime, phrases (vi: xin-moi, den-quay; en: ticket-number,
#   please-go-to-counter), digits 0-9, letters a-z, counter numbers num-1..num-30.
set -euo pipefail
export LC_ALL=C.UTF-8
export SOX_OPTS="-R"   # repeatable dither/noise: identical output on every run

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT="$ROOT/public/voice"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for tool in espeak-ng sox opusenc opusdec; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y espeak-ng sox opus-tools)" >&2; exit 1; }
done

RATE=16000          # working sample rate (wideband speech)
BITRATE=24          # Opus kbit/s
TARGET_RMS_DB=-20   # loudness target, dBFS RMS (a limiter keeps peaks < 0 dBFS)
VI_VOICE="vi"       # Northern (Hà Nội) Vietnamese; vi-vn-x-south / -central also exist
VI_SPEED=140        # words (= syllables) per minute: slower than default 175 for clarity
VI_PITCH=42
EN_VOICE="en-us"
EN_SPEED=150
EN_PITCH=45

rm -rf "$OUT/vi" "$OUT/en"
mkdir -p "$OUT/vi" "$OUT/en"

declare -A MANIFEST   # lang -> accumulated JSON entries
json_escape() { local s=${1//\\/\\\\}; printf '%s' "${s//\"/\\\"}"; }

# measure <wav> <stat-name>  -> value from `sox stats`
measure() { sox "$1" -n stats 2>&1 | awk -v k="$2" 'index($0, k) == 1 { print $NF; exit }'; }

# finish <raw.wav> <lang> <id> <text>
# trims silence, normalises loudness, encodes, verifies, records in manifest.
finish() {
  local raw=$1 lang=$2 id=$3 text=$4 file="$2/$3.opus"
  local trimmed="$TMP/trim.wav" level="$TMP/level.wav" dec="$TMP/dec.wav"
  sox "$raw" -r "$RATE" -c 1 -b 16 "$trimmed" \
    silence 1 0.01 -50d reverse silence 1 0.01 -50d reverse \
    gain -6 highpass 70 \
    rate -v "$RATE"
  local rms gain
  rms=$(measure "$trimmed" 'RMS lev dB')
  gain=$(awk -v t="$TARGET_RMS_DB" -v r="$rms" 'BEGIN { printf "%.2f", t - r }')
  sox "$trimmed" "$level" gain -l "$gain" fade q 0.005 -0 0.015 pad 0.02 0.04
  opusenc --quiet --speech --bitrate "$BITRATE" --serial 20240101 --padding 0 \
    --title "$text" "$level" "$OUT/$file"

  # "Listen-check": decode the encoded file and measure it.
  opusdec --quiet "$OUT/$file" "$dec" 2>/dev/null
  local secs peak out_rms ms
  secs=$(soxi -D "$dec")
  peak=$(measure "$dec" 'Pk lev dB')
  out_rms=$(measure "$dec" 'RMS lev dB')
  ms=$(awk -v s="$secs" 'BEGIN { printf "%d", s * 1000 + 0.5 }')
  if [[ ! -s "$OUT/$file" ]] || (( ms < 150 )) || awk -v r="$out_rms" 'BEGIN { exit !(r < -35) }'; then
    echo "clip $file failed check: ${ms} ms, RMS ${out_rms} dB" >&2
    exit 1
  fi
  printf '%-28s %5d ms  RMS %6s dB  peak %6s dB  %5d B  "%s"\n' \
    "$file" "$ms" "$out_rms" "$peak" "$(stat -c %s "$OUT/$file")" "$text"
  add_entry "$lang" "$id" "$file" "$ms" "$text"
}

add_entry() {  # lang id file ms text
  local entry
  entry=$(printf '      "%s": { "file": "%s", "durationMs": %d, "text": "%s" }' \
    "$2" "$3" "$4" "$(json_escape "$5")")
  MANIFEST[$1]+="${MANIFEST[$1]:+,$'\n'}$entry"
}

say() {  # lang id text
  local lang=$1 id=$2 text=$3 raw="$TMP/raw.wav"
  if [[ $lang == vi ]]; then
    espeak-ng -v "$VI_VOICE" -s "$VI_SPEED" -p "$VI_PITCH" -w "$raw" "$text"
  else
    espeak-ng -v "$EN_VOICE" -s "$EN_SPEED" -p "$EN_PITCH" -w "$raw" "$text"
  fi
  finish "$raw" "$lang" "$id" "$text"
}

# --- chime: three-tone descending bell "ding-dong" (G5, E5, C5) ---------------
make_chime() {
  local i=0 f delay parts=()
  for f in 783.99 659.25 523.25; do
    delay=$(awk -v i="$i" 'BEGIN { printf "%.2f", i * 0.26 }')
    # fundamental + soft octave + faint twelfth, logarithmic (bell) decay
    sox -n -r "$RATE" -b 16 "$TMP/tone$i.wav" \
      synth 0.62 sine "$f" sine "$(awk -v f="$f" 'BEGIN { print f * 2 }')" \
      sine "$(awk -v f="$f" 'BEGIN { print f * 3 }')" \
      remix 1v0.7,2v0.22,3v0.08 fade h 0.015 fade l 0 0.62 0.56 pad "$delay" 0
    parts+=("$TMP/tone$i.wav")
    i=$((i + 1))
  done
  sox -m "${parts[@]}" "$TMP/chime-raw.wav" fade t 0 -0 0.12
  local rms gain
  rms=$(measure "$TMP/chime-raw.wav" 'RMS lev dB')
  gain=$(awk -v t="$((TARGET_RMS_DB - 2))" -v r="$rms" 'BEGIN { printf "%.2f", t - r }')
  sox "$TMP/chime-raw.wav" "$TMP/chime.wav" gain -l "$gain" pad 0 0.05
  opusenc --quiet --music --bitrate 32 --serial 20240101 --padding 0 \
    --title chime "$TMP/chime.wav" "$OUT/vi/chime.opus"
  opusdec --quiet "$OUT/vi/chime.opus" "$TMP/dec.wav" 2>/dev/null
  local ms
  ms=$(awk -v s="$(soxi -D "$TMP/dec.wav")" 'BEGIN { printf "%d", s * 1000 + 0.5 }')
  printf '%-28s %5d ms  RMS %6s dB\n' vi/chime.opus "$ms" "$(measure "$TMP/dec.wav" 'RMS lev dB')"
  # one file, listed for both languages
  add_entry vi chime vi/chime.opus "$ms" "(chime)"
  add_entry en chime vi/chime.opus "$ms" "(chime)"
}

VI_DIGITS=(không một hai ba bốn năm sáu bảy tám chín)
# Letter names as read aloud on a ticket prefix. G is "gờ" (not "giê") and J
# is spelled "di" (read /zi/) so that G, D and J stay distinguishable in the
# Northern accent, where gi-, d- and r- all sound /z/.
# F, S and X get the common two-syllable readings "ép phờ", "ét xì", "ích xì":
# clearer than the clipped single syllables on a TV loudspeaker.
VI_LETTERS=(a bê xê dê e "ép phờ" gờ hát i di ca "e lờ" "em mờ" "en nờ" o pê
  quy "e rờ" "ét xì" tê u vê "vê kép" "ích xì" "i dài" dét)
EN_DIGITS=(zero one two three four five six seven eight nine)
LOWER=(a b c d e f g h i j k l m n o p q r s t u v w x y z)

vi_number() {  # 1..99 -> Vietnamese words (mười một, hai mươi mốt, hai mươi tư, ...)
  local n=$1 tens=$(($1 / 10)) unit=$(($1 % 10)) head
  if (( tens == 0 )); then printf '%s' "${VI_DIGITS[$n]}"; return; fi
  if (( tens == 1 )); then head="mười"; else head="${VI_DIGITS[$tens]} mươi"; fi
  case $unit in
    0) printf '%s' "$head" ;;
    1) if (( tens >= 2 )); then printf '%s mốt' "$head"; else printf '%s một' "$head"; fi ;;
    4) if (( tens >= 2 )); then printf '%s tư' "$head"; else printf '%s bốn' "$head"; fi ;;
    5) printf '%s lăm' "$head" ;;
    *) printf '%s %s' "$head" "${VI_DIGITS[$unit]}" ;;
  esac
}

make_chime

say vi xin-moi "Xin mời công dân có số thứ tự"
say vi den-quay "đến quầy số"
for d in {0..9}; do say vi "$d" "${VI_DIGITS[$d]}"; done
for i in {0..25}; do say vi "${LOWER[$i]}" "${VI_LETTERS[$i]}"; done
for n in {1..30}; do say vi "num-$n" "$(vi_number "$n")"; done

say en ticket-number "Ticket number"
say en please-go-to-counter "please go to counter"
for d in {0..9}; do say en "$d" "${EN_DIGITS[$d]}"; done
# espeak-ng reads a lone capital letter by its English letter name
for i in {0..25}; do say en "${LOWER[$i]}" "${LOWER[$i]^^}"; done
for n in {1..30}; do say en "num-$n" "$n"; done

{
  printf '{\n  "format": "ogg-opus",\n  "generator": "%s; %s; opus-tools %s",\n  "languages": {\n' \
    "$(json_escape "$(espeak-ng --version | cut -d' ' -f1-4)")" \
    "$(sox --version | sed 's/^sox: *//')" \
    "$(opusenc --version | head -n1 | awk '{print $3}')"
  printf '    "vi": {\n%s\n    },\n' "${MANIFEST[vi]}"
  printf '    "en": {\n%s\n    }\n' "${MANIFEST[en]}"
  printf '  }\n}\n'
} >"$OUT/manifest.json"

total=$(du -cb "$OUT"/vi/*.opus "$OUT"/en/*.opus "$OUT/manifest.json" | tail -n1 | cut -f1)
echo "wrote $OUT/manifest.json; total ${total} bytes"
