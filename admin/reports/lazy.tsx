/**
 * The dashboard and the reports load their code (chart.js with it) only when opened, so the
 * rest of the admin page stays small.
 */
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { OfficerInfo } from '../../shared/contract';
import { Loading } from '../form';

type Section = FunctionComponent<{ officer: OfficerInfo }>;

function lazySection(load: () => Promise<Section>): Section {
  let loaded: Section | null = null;
  return function LazySection(props) {
    const [Body, setBody] = useState<Section | null>(() => loaded);
    const [error, setError] = useState<string | null>(null);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (Body) return;
      load()
        .then((b) => {
          loaded = b;
          setBody(() => b);
        })
        .catch(() => setError('Không tải được trang báo cáo, hãy thử lại. (Could not load the reports page.)'));
    }, [Body, attempt]);
    if (!Body) return <Loading error={error} onRetry={() => setAttempt((n) => n + 1)} />;
    return <Body {...props} />;
  };
}

export const DashboardSection = lazySection(() => import('./DashboardSection').then((m) => m.DashboardSection));
export const ReportsSection = lazySection(() => import('./ReportsSection').then((m) => m.ReportsSection));
