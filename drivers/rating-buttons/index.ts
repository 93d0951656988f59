export { ButtonBox, type BoxEvent, type ButtonBoxOptions, type ButtonBoxState, type PressHandler } from './box';
export {
  MAX_LINE_BYTES,
  checksum,
  heartbeatLine,
  parseBoxLine,
  parseReplyLine,
  pressLine,
  replyLine,
  withChecksum,
  type BoxFrame,
  type ParsedLine,
  type RejectReason,
} from './protocol';
