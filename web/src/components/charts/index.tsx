/** A chart, loaded on demand (its own chunk), labelled for screen readers. */
import { lazy, Suspense } from 'react';
import type { ChartProps } from './Charts';
import { Loading } from '../State';

const LazyChart = lazy(() => import('./Charts'));

export type { ChartProps, Series } from './Charts';

export function Chart({ label, ...props }: ChartProps & { label: string }) {
  return (
    <figure className="chart" role="img" aria-label={label}>
      <Suspense fallback={<Loading />}>
        <LazyChart {...props} />
      </Suspense>
    </figure>
  );
}
