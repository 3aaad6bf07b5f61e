import { DeleteOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { type MilestoneMove, milestoneMoves } from '@duban/core';
import { App, Button, Input, List, Popconfirm, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DatePicker, fromPickerDate, toPickerDate } from '../../format/DatePicker';
import { DATE_FORMAT } from '../../format/time';
import { useSession } from '../auth/session';
import {
  type MilestoneAction,
  type MilestoneState,
  type MilestoneView,
  milestoneEvidenceUrl,
  useMilestoneAction,
  useMilestones,
} from './api';

const STATE_COLOURS: Readonly<Record<MilestoneState, string>> = {
  'not-started': 'default',
  'in-progress': 'processing',
  submitted: 'warning',
  confirmed: 'success',
};

/** The evidence types the server takes (packages/server/src/files/sniff.ts). */
const ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png';

/**
 * A task's milestones (节点任务): each with its state, due date, owner and evidence, and the moves
 * the signed-in user may make (core's milestoneMoves): the owner office starts and asks for
 * confirmation; the plan office confirms or sends back, and adds, edits and removes.
 */
export function MilestonesPanel({ taskId, today }: { taskId: string; today: string }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { me } = useSession();
  const list = useMilestones(taskId);
  const action = useMilestoneAction(taskId);
  const [adding, setAdding] = useState<{ text: string; due: string } | null>(null);
  const admin = me?.role === 'admin';

  const run = (a: MilestoneAction) =>
    action.mutateAsync(a).then(
      () => message.success(t('milestones.done')),
      (e: Error) => message.error(e.message),
    );
  /** Ask for a line of text (a note or a reason) before the move. */
  const ask = (title: string, required: boolean, then: (text: string) => void) => {
    let text = '';
    modal.confirm({
      title,
      content: (
        <Input.TextArea autoFocus rows={3} onChange={(e) => (text = e.target.value)} data-testid="milestone-ask" />
      ),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => {
        if (required && text.trim() === '') {
          message.error(t('milestones.reasonRequired'));
          return Promise.reject(new Error('required'));
        }
        then(text.trim());
        return undefined;
      },
    });
  };
  const move = (m: MilestoneView, mv: MilestoneMove) => {
    if (mv === 'submit')
      ask(
        t('milestones.submitNote'),
        false,
        (note) => void run({ kind: 'submit', id: m.id, version: m.version, note }),
      );
    else if (mv === 'return')
      ask(
        t('milestones.returnReason'),
        true,
        (reason) => void run({ kind: 'return', id: m.id, version: m.version, reason }),
      );
    else if (mv === 'start' || mv === 'confirm') void run({ kind: mv, id: m.id, version: m.version });
  };

  if (list.isPending) return <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>;
  if (list.isError) return <Typography.Text type="danger">{list.error.message}</Typography.Text>;
  const milestones = list.data;

  return (
    <div data-testid="task-milestones">
      {milestones.length === 0 ? (
        <Typography.Text type="secondary">{t('milestones.none')}</Typography.Text>
      ) : (
        <List
          size="small"
          rowKey="id"
          dataSource={milestones}
          renderItem={(m) => {
            const moves = me ? milestoneMoves(m, { role: me.role, officeId: me.officeId ?? null }) : [];
            const overdue = m.state !== 'confirmed' && m.due !== null && m.due < today;
            return (
              <List.Item data-testid="milestone" data-state={m.state}>
                <div style={{ width: '100%' }}>
                  <Space wrap size={[8, 4]} style={{ width: '100%' }}>
                    <Tag color={STATE_COLOURS[m.state]} data-testid="milestone-state">
                      {t(`milestones.states.${m.state}`)}
                    </Tag>
                    <Typography.Text
                      editable={
                        admin
                          ? {
                              tooltip: t('common.edit'),
                              onChange: (text) => {
                                if (text.trim() !== '' && text.trim() !== m.text)
                                  void run({ kind: 'edit', id: m.id, version: m.version, text: text.trim() });
                              },
                            }
                          : false
                      }
                    >
                      {m.text}
                    </Typography.Text>
                  </Space>
                  <div style={{ marginTop: 4, fontSize: 12 }}>
                    <Space wrap size={[12, 4]}>
                      {admin ? (
                        <DatePicker
                          size="small"
                          format={DATE_FORMAT}
                          style={{ width: 130 }}
                          value={toPickerDate(m.due)}
                          aria-label={t('milestones.due')}
                          onChange={(d) => {
                            const due = fromPickerDate(d) || null;
                            if (due !== m.due) void run({ kind: 'edit', id: m.id, version: m.version, due });
                          }}
                        />
                      ) : (
                        <Typography.Text type={overdue ? 'danger' : 'secondary'}>
                          {t('milestones.due')}: {m.due ?? t('milestones.noDue')}
                        </Typography.Text>
                      )}
                      {overdue && <Tag color="error">{t('milestones.overdue')}</Tag>}
                      <Typography.Text type="secondary">
                        {t('milestones.owner')}: {m.ownerOfficeName ?? t('milestones.noOwner')}
                      </Typography.Text>
                      {m.note && (
                        <Typography.Text type="secondary">
                          {t('milestones.note')}: {m.note}
                        </Typography.Text>
                      )}
                      {m.returnReason && (
                        <Typography.Text type="warning">
                          {t('milestones.returned')}: {m.returnReason}
                        </Typography.Text>
                      )}
                    </Space>
                  </div>
                  {m.evidence.length > 0 && (
                    <div style={{ marginTop: 4 }}>
                      {m.evidence.map((f) => (
                        <a
                          key={f.id}
                          href={milestoneEvidenceUrl(m.id, f.id)}
                          download={f.name}
                          style={{ marginInlineEnd: 12, wordBreak: 'break-all' }}
                        >
                          <PaperClipOutlined /> {f.name}
                        </a>
                      ))}
                    </div>
                  )}
                  <Space wrap style={{ marginTop: 6 }}>
                    {moves
                      .filter((mv) => mv !== 'attach')
                      .map((mv) => (
                        <Button
                          key={mv}
                          size="small"
                          type={mv === 'confirm' || mv === 'submit' ? 'primary' : 'default'}
                          loading={action.isPending}
                          onClick={() => move(m, mv)}
                          data-testid={`milestone-${mv}`}
                        >
                          {t(`milestones.moves.${mv}`)}
                        </Button>
                      ))}
                    {moves.includes('attach') && (
                      <Upload
                        accept={ACCEPT}
                        showUploadList={false}
                        customRequest={({ file }) =>
                          void run({ kind: 'evidence', id: m.id, version: m.version, file: file as File })
                        }
                      >
                        <Button size="small" icon={<UploadOutlined />}>
                          {t('milestones.moves.attach')}
                        </Button>
                      </Upload>
                    )}
                    {admin && (
                      <Popconfirm
                        title={t('milestones.removeConfirm')}
                        okText={t('common.confirm')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => run({ kind: 'remove', id: m.id, version: m.version })}
                      >
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                        />
                      </Popconfirm>
                    )}
                  </Space>
                </div>
              </List.Item>
            );
          }}
        />
      )}
      {admin &&
        (adding ? (
          <Space.Compact style={{ width: '100%', marginTop: 8 }}>
            <Input
              autoFocus
              placeholder={t('milestones.textPlaceholder')}
              value={adding.text}
              onChange={(e) => setAdding({ ...adding, text: e.target.value })}
              data-testid="milestone-new-text"
            />
            <DatePicker
              format={DATE_FORMAT}
              style={{ width: 160 }}
              value={toPickerDate(adding.due)}
              aria-label={t('milestones.due')}
              onChange={(d) => setAdding({ ...adding, due: fromPickerDate(d) })}
            />
            <Button
              type="primary"
              disabled={adding.text.trim() === ''}
              loading={action.isPending}
              onClick={() =>
                void run({ kind: 'add', text: adding.text.trim(), due: adding.due || null }).then(() => setAdding(null))
              }
            >
              {t('common.save')}
            </Button>
            <Button onClick={() => setAdding(null)}>{t('common.cancel')}</Button>
          </Space.Compact>
        ) : (
          <Button
            type="dashed"
            size="small"
            icon={<PlusOutlined />}
            style={{ marginTop: 8 }}
            onClick={() => setAdding({ text: '', due: '' })}
            data-testid="milestone-add"
          >
            {t('milestones.add')}
          </Button>
        ))}
    </div>
  );
}
