import { Button, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { useOffices } from '../offices/api';
import type { AssignmentView, TargetView } from '../plans/api';
import { TargetChip } from '../plans/components/TargetChip';
import { subjectsOf } from '../plans/targets';
import { type TargetJudgement, useTargetEdits, useTargetJudgements } from './api';

/** The offices a task's targets answer to by default: its lead offices, groups opened to their members. */
export function leadOfficeIds(assignments: readonly AssignmentView[]): string[] {
  const ids: string[] = [];
  for (const a of assignments) {
    if (a.role !== 'lead') continue;
    for (const id of a.office ? [a.office.id] : (a.group?.members.map((m) => m.id) ?? [])) {
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function BaselineEditor({ target, onDone }: { target: TargetView; onDone: () => void }) {
  const { t } = useTranslation();
  const edits = useTargetEdits();
  const [value, setValue] = useState<number | null>(target.baselineValue);
  const [source, setSource] = useState(target.baselineSource ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    try {
      await edits.baseline.mutateAsync({ id: target.id, version: target.version, value, source: source || null });
      onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Space wrap data-testid="baseline-editor">
      <InputNumber value={value} onChange={(v) => setValue(v)} placeholder={t('targetFit.baselineValue')} />
      <Input
        value={source}
        onChange={(e) => setSource(e.target.value)}
        maxLength={200}
        placeholder={t('targetFit.baselineSource')}
        style={{ width: 200 }}
      />
      <Button type="primary" size="small" loading={edits.baseline.isPending} onClick={() => void save()}>
        {t('common.save')}
      </Button>
      <Button size="small" onClick={onDone}>
        {t('common.cancel')}
      </Button>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}

function OfficesEditor({ target, onDone }: { target: TargetView; onDone: () => void }) {
  const { t } = useTranslation();
  const edits = useTargetEdits();
  const offices = useOffices();
  const [chosen, setChosen] = useState<string[]>(target.offices ?? []);
  const [error, setError] = useState<string | null>(null);
  const save = async (list: string[] | null) => {
    try {
      await edits.offices.mutateAsync({ id: target.id, version: target.version, offices: list });
      onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Space wrap data-testid="offices-editor">
      <Select
        mode="multiple"
        value={chosen}
        onChange={setChosen}
        style={{ minWidth: 280 }}
        loading={offices.isPending}
        optionFilterProp="label"
        options={(offices.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        placeholder={t('targetFit.officesHint')}
      />
      <Button
        type="primary"
        size="small"
        disabled={chosen.length === 0}
        loading={edits.offices.isPending}
        onClick={() => void save(chosen)}
      >
        {t('common.save')}
      </Button>
      <Button size="small" onClick={() => void save(null)}>
        {t('targetFit.officesDefault')}
      </Button>
      <Button size="small" onClick={onDone}>
        {t('common.cancel')}
      </Button>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}

function SplitDialog({ target, open, onClose }: { target: TargetView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const edits = useTargetEdits();
  const [form] = Form.useForm<{ parts: { label: string }[] }>();
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    const { parts } = await form.validateFields();
    try {
      await edits.split.mutateAsync({ id: target.id, version: target.version, parts });
      onClose();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal
      open={open}
      title={t('targetFit.splitTitle')}
      onOk={() => void run()}
      onCancel={onClose}
      confirmLoading={edits.split.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{target.text}</Typography.Paragraph>
      <Typography.Paragraph>{t('targetFit.splitHow')}</Typography.Paragraph>
      <Form form={form} initialValues={{ parts: [{ label: '' }, { label: '' }] }} data-testid="split-form">
        <Form.List name="parts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline">
                  <Form.Item
                    name={[f.name, 'label']}
                    rules={[{ required: true, whitespace: true, message: t('targetFit.splitLabelNeeded') }]}
                  >
                    <Input maxLength={40} placeholder={t('targetFit.splitLabel', { n: i + 1 })} />
                  </Form.Item>
                  {fields.length > 2 && <Button onClick={() => remove(f.name)}>{t('common.delete')}</Button>}
                </Space>
              ))}
              <Button onClick={() => add({ label: '' })} disabled={fields.length >= 12}>
                {t('targetFit.splitAdd')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Modal>
  );
}

function FitRow({
  target,
  subject,
  judgement,
  leads,
  names,
  admin,
  mine,
}: {
  target: TargetView;
  subject: string;
  judgement: TargetJudgement | undefined;
  leads: readonly string[];
  names: ReadonlyMap<string, string>;
  admin: boolean;
  mine: boolean;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<'baseline' | 'offices' | null>(null);
  const [splitting, setSplitting] = useState(false);
  const own = target.offices !== null && target.offices.length > 0;
  const offices = own ? (target.offices ?? []) : leads;
  return (
    <div data-testid="target-fit" style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}>
      <Space wrap>
        <Typography.Text strong data-testid="target-fit-label">
          {subject}
        </Typography.Text>
        <TargetChip target={target} />
        {judgement?.each && (
          <Tag color={judgement.each.met === judgement.each.total ? 'success' : 'warning'} data-testid="target-each">
            {t('targetFit.each', { met: judgement.each.met, total: judgement.each.total })}
          </Tag>
        )}
      </Space>
      <div>
        <Typography.Text type="secondary">
          {own ? t('targetFit.ownOffices') : t('targetFit.leadOffices')}
        </Typography.Text>{' '}
        {offices.map((id, i) => (
          <Tag key={id} color={i === 0 ? 'blue' : undefined}>
            {names.get(id) ?? id}
            {i === 0 ? ` · ${t('targetFit.primary')}` : ''}
          </Tag>
        ))}
        {admin && editing === null && (
          <Button type="link" size="small" onClick={() => setEditing('offices')} data-testid="target-offices-edit">
            {t('targetFit.officesEdit')}
          </Button>
        )}
        {admin && (
          <Button type="link" size="small" onClick={() => setSplitting(true)} data-testid="target-split">
            {t('targetFit.split')}
          </Button>
        )}
      </div>
      {target.kind === 'change' && (
        <div data-testid="target-baseline">
          <Typography.Text type="secondary">{t('targetFit.baseline')}</Typography.Text>{' '}
          {target.baselineValue === null ? (
            <Typography.Text type="warning">{t('targetFit.noBaseline')}</Typography.Text>
          ) : (
            <Typography.Text>
              {target.baselineValue}
              {target.baselineSource ? `(${target.baselineSource})` : ''}
            </Typography.Text>
          )}
          {(admin || mine) && editing === null && (
            <Button type="link" size="small" onClick={() => setEditing('baseline')} data-testid="target-baseline-edit">
              {t('common.edit')}
            </Button>
          )}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('targetFit.changeHow')}
            </Typography.Text>
          </div>
        </div>
      )}
      {editing === 'baseline' && <BaselineEditor target={target} onDone={() => setEditing(null)} />}
      {editing === 'offices' && <OfficesEditor target={target} onDone={() => setEditing(null)} />}
      {splitting && <SplitDialog target={target} open onClose={() => setSplitting(false)} />}
    </div>
  );
}

/**
 * A task's targets as they are judged: each one's label among its siblings, the offices asked
 * for its figure (主责 first), a change target's baseline, a per-subject target's k / n; the plan
 * office names offices and splits targets, a responsible office enters a baseline.
 */
export function TargetFitPanel({
  planId,
  targets,
  assignments,
}: {
  planId: string;
  targets: readonly TargetView[];
  assignments: readonly AssignmentView[];
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const judgements = useTargetJudgements(planId);
  const offices = useOffices();
  const names = new Map((offices.data ?? []).map((o) => [o.id, o.name]));
  const subjects = subjectsOf(targets);
  const leads = leadOfficeIds(assignments);
  const admin = me?.role === 'admin';
  if (targets.length === 0) return <Typography.Text type="secondary">{t('task.noTargets')}</Typography.Text>;
  return (
    <div data-testid="target-fit-panel">
      {targets.map((g) => {
        const offices = g.offices && g.offices.length > 0 ? g.offices : leads;
        const mine = me?.role === 'reporter' && me.officeId !== null && offices.includes(me.officeId);
        return (
          <FitRow
            key={`${g.id}-${g.version}`}
            target={g}
            subject={subjects.get(g.id) ?? ''}
            judgement={judgements.data?.get(g.id)}
            leads={leads}
            names={names}
            admin={admin}
            mine={mine}
          />
        );
      })}
    </div>
  );
}
