/**
 * The recharts drawings. They only draw: every series comes ready from
 * model/series.ts (tested without rendering). A click on a bar hands back the
 * point, which the view turns into a drill filter.
 */
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { BILLED_TIERS, type ColumnBar, type MixPoint, type TierSlice, type TrendPoint } from '../model/series';

/** Mid-tone colours readable on the light and the dark background alike (SVG attributes cannot take CSS variables everywhere). */
export const TIER_COLORS: Readonly<Record<(typeof BILLED_TIERS)[number], string>> = {
  Essential: '#3b82c4',
  Premium: '#8b5cc7',
  'Contact Center': '#d08a2e',
};

const axisStyle = { fontSize: 11, fill: 'currentColor' };

export function LicenseMixChart({ points, onSelect, height = 260 }: { points: MixPoint[]; onSelect?(point: MixPoint): void; height?: number }) {
  return (
    <figure className="chart" aria-label="License mix per customer">
      <figcaption>License mix per customer (billed tiers)</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={points} margin={{ top: 8, right: 16, bottom: 48, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="label" tick={axisStyle} interval={0} angle={-30} textAnchor="end" height={60} />
          <YAxis tick={axisStyle} allowDecimals={false} />
          <Tooltip />
          <Legend />
          {BILLED_TIERS.map((tier) => (
            <Bar key={tier} dataKey={tier} stackId="mix" fill={TIER_COLORS[tier]} isAnimationActive={false} onClick={(d: { payload?: MixPoint }) => d.payload && onSelect?.(d.payload)} cursor={onSelect ? 'pointer' : undefined} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function PlatformMixChart({ slices, height = 260 }: { slices: TierSlice[]; height?: number }) {
  const data = [{ label: 'Platform', ...Object.fromEntries(slices.map((s) => [s.tier, s.value])) }];
  return (
    <figure className="chart" aria-label="License mix over the platform">
      <figcaption>Over the platform</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis type="number" tick={axisStyle} allowDecimals={false} />
          <YAxis type="category" dataKey="label" tick={axisStyle} width={70} />
          <Tooltip />
          <Legend />
          {BILLED_TIERS.map((tier) => (
            <Bar key={tier} dataKey={tier} stackId="mix" fill={TIER_COLORS[tier]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

const GROUP_COLORS: Readonly<Record<string, string>> = { ...TIER_COLORS, Info: '#7a8594' };

export function ColumnBarsChart({ bars, onSelect }: { bars: ColumnBar[]; onSelect?(bar: ColumnBar): void }) {
  // One readable line per column: the chart grows with the bars instead of dropping labels.
  const height = 40 + bars.length * 22;
  return (
    <figure className="chart" aria-label="Counts by column">
      <figcaption>Counts by column</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={bars} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis type="number" tick={axisStyle} allowDecimals={false} />
          <YAxis type="category" dataKey="column" tick={axisStyle} width={260} interval={0} />
          <Tooltip />
          <Bar dataKey="value" isAnimationActive={false} onClick={(d: { payload?: ColumnBar }) => d.payload && onSelect?.(d.payload)} cursor={onSelect ? 'pointer' : undefined}>
            {bars.map((b) => (
              <Cell key={b.columnId} fill={GROUP_COLORS[b.group] ?? GROUP_COLORS.Info} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function TrendChart({ points, height = 220 }: { points: TrendPoint[]; height?: number }) {
  return (
    <figure className="chart" aria-label="Month-over-month trend">
      <figcaption>Month over month</figcaption>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="month" tick={axisStyle} />
          <YAxis tick={axisStyle} allowDecimals={false} />
          <Tooltip />
          <Legend />
          {BILLED_TIERS.map((tier) => (
            <Line key={tier} dataKey={tier} stroke={TIER_COLORS[tier]} isAnimationActive={false} dot />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
