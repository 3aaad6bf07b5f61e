import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { CSSProperties } from 'react';
import i18n from '../i18n';
import { DATE_FORMAT } from './time';

// Month and weekday names of every picker follow the UI's language (dayjs's own locale; antd's
// ConfigProvider locale alone leaves them in English). Pages take their pickers from here.
const follow = (language: string) => dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
follow(i18n.language);
i18n.on('languageChanged', follow);

export { DatePicker };

/** A `YYYY-MM-DD` string as a picker's value (null when empty). */
export function toPickerDate(value: string | null | undefined): Dayjs | null {
  return value ? dayjs(value) : null;
}

/** A picker's value as `YYYY-MM-DD` ('' when cleared). */
export function fromPickerDate(value: Dayjs | null | undefined): string {
  return value ? value.format(DATE_FORMAT) : '';
}

interface DateInputProps {
  /** `YYYY-MM-DD`, or '' / undefined for none. */
  readonly value?: string | null;
  readonly onChange?: (value: string) => void;
  readonly id?: string;
  readonly allowClear?: boolean;
  readonly style?: CSSProperties;
  readonly placeholder?: string;
  readonly 'data-testid'?: string;
}

/**
 * The app's one date field in forms: antd's DatePicker whose value is a `YYYY-MM-DD` string,
 * so forms and the API keep plain dates.
 */
export function DateInput({ value, onChange, ...rest }: DateInputProps) {
  return (
    <DatePicker
      {...rest}
      format={DATE_FORMAT}
      value={toPickerDate(value)}
      onChange={(d) => onChange?.(fromPickerDate(d))}
    />
  );
}
