import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrderColour } from './api';

const STATUS = { green: 'success', yellow: 'warning', red: 'error' } as const;

/** An order's deadline warning: a green, yellow or red dot with its word. */
export function ColourDot({ colour }: { colour: OrderColour }) {
  const { t } = useTranslation();
  return <Badge status={STATUS[colour]} text={t(`orders.colours.${colour}`)} data-testid={`colour-${colour}`} />;
}
