import { type HTMLAttributes, useEffect, useRef } from 'react';
import { type ChartOption, init } from './echarts';

type EChartsInstance = ReturnType<typeof init>;

export interface EChartProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  readonly option: ChartOption;
  readonly height: number;
}

/**
 * One ECharts chart on a div: made when the div mounts, given each new option whole (a series
 * that is gone disappears), resized with its box (panels stack and unstack with the screen),
 * disposed when the div goes. Other props (data-testid, data-*, aria-*) go on the div.
 */
export function EChart({ option, height, style, ...rest }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsInstance | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = init(el, null, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" style={{ width: '100%', height, ...style }} {...rest} />;
}
