import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { AUDIT_ENTITIES, type AuditEntity, type AuditEntry } from '@shared/schemas/audit';
import type { Settings } from '@shared/settings';
import { dateTime } from '../../../format/date';
import { PagedBody } from '../components/list-page';
import { OpsShell } from '../components/shell';
import { useListPaging } from '../components/use-list-paging';
import { actionLabel, actorLabel, auditDiff, ENTITY_LABELS } from '../format/audit-diff';
import { useBackOffice } from '../stores/back-office';
import { AUDIT_FILTERS, type AuditStore } from '../stores/audit-store';
import '../ops.css';

/** Rows shown before 展开全部. */
const FOLDED_ROWS = 6;

const Entry = observer(function Entry({ e, store, rules }: { e: AuditEntry; store: AuditStore; rules?: Pick<Settings, 'survey'> }) {
  const id = `audit-${e._id}`;
  const rows = auditDiff(e, rules);
  const open = store.expanded.has(e._id);
  const shown = open ? rows : rows.slice(0, FOLDED_ROWS);
  return (
    <View className='surface ops-claim ops-audit' id={id}>
      <View className='ops-claim__head'>
        <Text className='ops-claim__source'>{ENTITY_LABELS[e.entity] ?? '其他'}</Text>
        <Text className='ops-claim__name'>{actionLabel(e)}</Text>
        <Text className='ops-audit__time'>{dateTime(e.at)}</Text>
      </View>
      <Text className='ops-audit__summary' id={`${id}-summary`}>
        {e.summary}
      </Text>
      <Text className='ops-audit__who' id={`${id}-who`}>
        操作人：{actorLabel(e.by)}
      </Text>
      {shown.length ? (
        <View className='ops-audit__diff' id={`${id}-diff`}>
          {shown.map((r) => (
            <View key={r.path} className='ops-audit__row'>
              <Text className='ops-audit__field'>{r.label}</Text>
              {r.before === '（无）' ? (
                <Text className='ops-audit__values'>
                  <Text className='ops-audit__arrow'>设为 </Text>
                  <Text className='ops-audit__after'>{r.after}</Text>
                </Text>
              ) : (
                <Text className='ops-audit__values'>
                  <Text className='ops-audit__before'>{r.before}</Text>
                  <Text className='ops-audit__arrow'> → </Text>
                  <Text className='ops-audit__after'>{r.after}</Text>
                </Text>
              )}
            </View>
          ))}
          {rows.length > FOLDED_ROWS ? (
            <Text className='link ops-audit__more' id={`${id}-toggle`} onClick={() => store.toggle(e._id)}>
              {open ? '收起' : `展开全部 ${rows.length} 项变化`}
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  );
});

/** 操作记录: who, when, what (before → after), newest first; filter by kind; 加载更多. */
function AuditPage() {
  const { audit, settings } = useBackOffice();
  // Survey tags in a campaign's audience read as their options once the settings are loaded.
  const rules = settings.view?.settings;
  const list = audit.list;
  const params = useRouter().params;
  const entity = (AUDIT_ENTITIES as readonly string[]).includes(params.entity ?? '') ? (params.entity as AuditEntity) : undefined;
  const entityId = params.entityId || undefined;

  // Changes made since the list was last loaded (on another back-office page) appear on return.
  useListPaging(list, () => audit.filter(entity, entityId), [entity, entityId]);

  return (
    <OpsShell forbidden={list.forbidden}>
      <View className='ops-chips ops-audit__filters' id='audit-filters'>
        {AUDIT_FILTERS.map((f) => (
          <Text key={f.label} className={`ops-chip ${audit.entity === f.entity && !audit.entityId ? 'ops-chip--on' : ''}`} id={`audit-filter-${f.entity ?? 'all'}`} onClick={() => audit.filter(f.entity)}>
            {f.label}
          </Text>
        ))}
      </View>
      {audit.entityId ? (
        <Text className='ops__intro' id='audit-scope'>
          仅显示这一{ENTITY_LABELS[audit.entity!] ?? '项'}的记录
        </Text>
      ) : null}
      <PagedBody list={list} id='audit-list' footer='audit' loadingText='正在加载操作记录…' empty='还没有操作记录。'>
        {(e) => <Entry key={e._id} e={e} store={audit} rules={rules} />}
      </PagedBody>
    </OpsShell>
  );
}

export default observer(AuditPage);
