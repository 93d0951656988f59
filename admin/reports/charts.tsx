/**
 * Charts drawn in the browser with chart.js: only the parts used are imported and registered,
 * so the admin bundle stays small. No animation (they print and screenshot as drawn).
 */
import { useEffect, useRef } from 'preact/hooks';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);
Chart.defaults.font.family = "'Be Vietnam Pro', system-ui, sans-serif";
Chart.defaults.animation = false;

/** The office palette: red first, then calm colours that stay apart when printed in grey. */
export const PALETTE = ['#b3121b', '#1f6fb2', '#3f9c2f', '#c99a06', '#7a4fb5', '#d0581a', '#2a9d8f', '#6b6b6b'];

export function ChartBox({ config, label, testId }: { config: ChartConfiguration; label: string; testId?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      ...config,
      options: { responsive: true, maintainAspectRatio: false, ...config.options },
    });
    return () => chart.destroy();
  }, [config]);
  return (
    <figure class="chart" data-testid={testId}>
      <figcaption>{label}</figcaption>
      <div class="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={label} />
      </div>
    </figure>
  );
}

export function barChart(labels: string[], series: { label: string; data: (number | null)[] }[], opts: { stacked?: boolean; horizontal?: boolean; unit?: string } = {}): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: PALETTE[i % PALETTE.length] })),
    },
    options: {
      indexAxis: opts.horizontal ? 'y' : 'x',
      scales: {
        x: { stacked: opts.stacked, ticks: { autoSkip: true, maxRotation: 60 } },
        y: { stacked: opts.stacked, beginAtZero: true, title: { display: !!opts.unit, text: opts.unit ?? '' } },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}

export function lineChart(labels: string[], series: { label: string; data: (number | null)[] }[], unit: string, max?: number): ChartConfiguration {
  return {
    type: 'line',
    data: {
      labels,
      datasets: series.map((s, i) => ({ label: s.label, data: s.data, borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], spanGaps: true })),
    },
    options: { scales: { y: { beginAtZero: true, max, title: { display: true, text: unit } } }, plugins: { legend: { position: 'bottom' } } },
  };
}

export function doughnutChart(labels: string[], data: number[], colors: string[] = PALETTE): ChartConfiguration {
  return {
    type: 'doughnut',
    data: { labels, datasets: [{ data, backgroundColor: labels.map((_, i) => colors[i % colors.length]!) }] },
    options: { plugins: { legend: { position: 'right' } } },
  };
}
