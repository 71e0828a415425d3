import { makeAutoObservable, runInAction, toJS } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import type { Settings } from '@shared/settings';
import { parseYuanInput } from '../../../format/money-input';
import type { IntentIds } from '../../../services/request-id';
import type { SettingsEditorView, SettingsService } from '../../../services/settings';
import { failure, success, type Notice } from '../../../stores/notice';
import { Loadable } from '../../../stores/loadable';
import { yuanText } from '../format/product-form';
import { areaDef, getAt, inArea, setAt, validateSettings, type AreaDef, type SettingsArea, type SettingsIssue } from '../format/settings-form';

const MONEY_HINT = '请输入金额（元），最多两位小数';
const INT_HINT = '请输入整数';

/** How many problems the area shows above its fields. */
export const SHOWN_ISSUES = 3;

/**
 * 设置: the settings document as the server has it (settings.editor: settings + version), and one
 * area's draft being edited. Every field edits the draft by its path; amounts are typed in yuan and
 * kept in fen; the draft is validated with settingsSchema before `settings.update` is sent with
 * the version it was based on — a stale version is a CONFLICT, never a silent overwrite. Changes
 * apply to new orders only (orders carry their own prices and terms).
 */
export class SettingsEditorStore {
  /** settings.editor: the document as the server has it, its version, whether this person is an owner. */
  readonly read: Loadable<SettingsEditorView>;

  area: SettingsArea | undefined = undefined;
  draft: Settings | undefined = undefined;
  /** Text as typed for amounts, numbers and lists, by path (what the field shows). */
  texts: Record<string, string> = {};
  /** Text that is not a number / amount yet, by path. */
  localErrors: Record<string, string> = {};
  /** Problems from the last validation (settingsSchema) or the server. */
  issues: SettingsIssue[] = [];
  saving = false;
  notice: Notice | undefined = undefined;
  /** The document changed on the server since this draft was started. */
  conflict: { currentVersion?: number } | undefined = undefined;

  constructor(
    private readonly service: SettingsService,
    private readonly intents: IntentIds,
  ) {
    this.read = new Loadable(() => this.service.editor());
    makeAutoObservable<SettingsEditorStore, 'service' | 'intents'>(this, { service: false, intents: false, read: false });
  }

  get view(): SettingsEditorView | undefined {
    return this.read.data;
  }

  get def(): AreaDef | undefined {
    return this.area ? areaDef(this.area) : undefined;
  }

  get isOwner(): boolean {
    return this.view?.isOwner === true;
  }

  /** Problems of this area first (they have fields here), then any other that blocks saving. */
  get shownIssues(): SettingsIssue[] {
    const keys = this.def?.keys ?? [];
    const mine = this.issues.filter((i) => inArea(i.path, keys));
    const other = this.issues.filter((i) => !inArea(i.path, keys));
    return [...mine, ...other].slice(0, SHOWN_ISSUES);
  }

  get dirty(): boolean {
    if (!this.view || !this.draft || !this.def) return false;
    return this.def.keys.some((k) => JSON.stringify(toJS(this.draft![k])) !== JSON.stringify(this.view!.settings[k]));
  }

  /** The document as the server has it now; an area being edited starts a fresh draft from it. */
  async load(): Promise<void> {
    if ((await this.read.load()) && this.area) runInAction(() => this.startDraft());
  }

  /** Edit one area: a fresh draft of the document as the server has it. */
  async open(area: SettingsArea): Promise<void> {
    this.area = area;
    this.notice = undefined;
    this.conflict = undefined;
    // No editing until the latest version is here: a draft started from an older copy would be
    // saved against the newer version number and silently undo someone else's change.
    this.draft = undefined;
    await this.load();
  }

  private startDraft(): void {
    this.draft = JSON.parse(JSON.stringify(this.view!.settings)) as Settings;
    this.texts = {};
    this.localErrors = {};
    this.issues = [];
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  value(path: string): unknown {
    return this.draft ? getAt(this.draft, path) : undefined;
  }

  /** What an amount field shows: as typed, else the draft's fen in yuan. */
  moneyText(path: string): string {
    if (path in this.texts) return this.texts[path];
    const v = this.value(path);
    return typeof v === 'number' ? yuanText(v) : '';
  }

  intText(path: string): string {
    if (path in this.texts) return this.texts[path];
    const v = this.value(path);
    return typeof v === 'number' ? String(v) : '';
  }

  linesText(path: string): string {
    if (path in this.texts) return this.texts[path];
    const v = this.value(path);
    return Array.isArray(v) ? v.join('\n') : '';
  }

  fieldError(path: string): string | undefined {
    return this.localErrors[path] ?? this.issues.find((i) => i.path === path)?.message;
  }

  private edited(path: string): void {
    delete this.localErrors[path];
    // A fixed field should stop showing the old problem (the next validation finds any new one).
    this.issues = this.issues.filter((i) => i.path !== path && !path.startsWith(`${i.path}.`));
    this.notice = undefined;
  }

  setMoney(path: string, text: string): void {
    if (!this.draft) return;
    this.texts[path] = text;
    this.edited(path);
    const fen = parseYuanInput(text);
    if (fen === undefined) this.localErrors[path] = text.trim() ? MONEY_HINT : '请填写金额';
    else setAt(this.draft, path, fen);
  }

  setInt(path: string, text: string): void {
    if (!this.draft) return;
    this.texts[path] = text;
    this.edited(path);
    const t = text.trim();
    if (!/^\d{1,9}$/.test(t)) this.localErrors[path] = t ? INT_HINT : '请填写数字';
    else setAt(this.draft, path, Number(t));
  }

  /** One item per line (benefits, pack contents, operator openids); blank lines are dropped. */
  setLines(path: string, text: string): void {
    if (!this.draft) return;
    this.texts[path] = text;
    this.edited(path);
    setAt(
      this.draft,
      path,
      text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    );
  }

  /** Records one per line, fields separated by spaces (跟进专员 「openid 姓名」): as typed, else the draft's. */
  recordsText(path: string, show: (item: never) => string): string {
    if (path in this.texts) return this.texts[path];
    const v = this.value(path);
    return Array.isArray(v) ? v.map((x) => show(x as never)).join('\n') : '';
  }

  /** One record per line; `parse` turns a line's fields into the item or says (in Chinese) what is wrong. */
  setRecords(path: string, text: string, parse: (fields: string[]) => unknown): void {
    if (!this.draft) return;
    this.texts[path] = text;
    this.edited(path);
    const items: unknown[] = [];
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    for (const [i, line] of lines.entries()) {
      const item = parse(line.split(/\s+/));
      if (typeof item === 'string') {
        this.localErrors[path] = `第 ${i + 1} 行：${item}`;
        return;
      }
      items.push(item);
    }
    setAt(this.draft, path, items);
  }

  setValue(path: string, value: unknown): void {
    if (!this.draft) return;
    this.edited(path);
    setAt(this.draft, path, value);
  }

  /** Typed texts under `prefix` belong to list positions that are about to move. */
  private forgetTexts(prefix: string): void {
    for (const k of Object.keys(this.texts)) if (k === prefix || k.startsWith(`${prefix}.`)) delete this.texts[k];
    for (const k of Object.keys(this.localErrors)) if (k === prefix || k.startsWith(`${prefix}.`)) delete this.localErrors[k];
    this.issues = this.issues.filter((i) => !(i.path === prefix || i.path.startsWith(`${prefix}.`)));
  }

  addItem(listPath: string, make: (s: Settings) => unknown): void {
    if (!this.draft) return;
    const list = this.value(listPath);
    if (!Array.isArray(list)) return;
    list.push(make(this.draft));
    this.notice = undefined;
  }

  removeItem(listPath: string, index: number): void {
    if (!this.draft) return;
    const list = this.value(listPath);
    if (!Array.isArray(list)) return;
    this.forgetTexts(listPath);
    list.splice(index, 1);
    this.notice = undefined;
  }

  /** Move a list item up (-1) or down (+1): a survey's order is the order customers see. */
  moveItem(listPath: string, index: number, delta: -1 | 1): void {
    if (!this.draft) return;
    const list = this.value(listPath);
    const to = index + delta;
    if (!Array.isArray(list) || index < 0 || index >= list.length || to < 0 || to >= list.length) return;
    this.forgetTexts(listPath);
    const [item] = list.splice(index, 1);
    list.splice(to, 0, item);
    this.notice = undefined;
  }

  /** An optional object (a plan's gift pack): add it with defaults, or remove it. */
  toggleObject(path: string, make: ((s: Settings) => unknown) | undefined): void {
    if (!this.draft) return;
    this.forgetTexts(path);
    setAt(this.draft, path, make ? make(this.draft) : undefined);
    this.notice = undefined;
  }

  /** Validate the draft as the server will; false (with the problems shown) when it cannot be sent. */
  validate(): Settings | undefined {
    if (!this.draft) return undefined;
    const pending = Object.keys(this.localErrors).length;
    const checked = validateSettings(toJS(this.draft));
    this.issues = checked.ok ? [] : checked.issues;
    if (pending) {
      this.notice = failure('有输入不是有效的数字或金额（已在对应项下方标出），未保存。请修改后再保存。');
      return undefined;
    }
    if (!checked.ok) {
      // The problems themselves are listed above the fields (and under the ones they belong to).
      this.notice = failure(`设置有误，未保存（共 ${checked.issues.length} 处，见下方提示）。请修改后再保存。`);
      return undefined;
    }
    return checked.settings;
  }

  /** 保存: validated here; sent whole with the version it is based on. */
  async save(): Promise<boolean> {
    if (this.saving || !this.view || !this.draft) return false;
    const settings = this.validate();
    if (!settings) return false;
    if (!this.dirty) {
      this.notice = success('没有需要保存的修改。');
      return true;
    }
    const base = this.view.version;
    const body = JSON.stringify(settings);
    const intent = `settings:${base}:${body}`;
    this.saving = true;
    this.notice = undefined;
    this.conflict = undefined;
    const reply = await this.service.update(settings, base, this.intents.idFor(intent, 'set'));
    this.intents.settleUnlessUnknown(intent, reply);
    if (!reply.ok) {
      const { code, message, details } = reply.error;
      runInAction(() => {
        this.saving = false;
        if (code === 'CONFLICT') {
          const v = (details as { currentVersion?: unknown } | undefined)?.currentVersion;
          this.conflict = { currentVersion: typeof v === 'number' ? v : undefined };
          this.notice = failure(`${userMessage(code, message)} 点「重新加载」查看最新设置（此页未保存的修改会被放弃）。`);
          return;
        }
        if (code === 'INVALID_INPUT' && Array.isArray(details)) {
          this.issues = (details as Array<{ path?: string; message?: string }>).map((d) => ({ path: d.path ?? '', message: d.message ?? '', full: d.message ?? '' }));
        }
        this.notice = failure(userMessage(code, message));
      });
      return false;
    }
    const title = this.def?.title ?? '设置';
    const effect = this.def?.takesEffect ?? '新设置只对之后的新订单生效，已下的订单不受影响。';
    runInAction(() => {
      this.saving = false;
      this.read.set({ ...this.view!, settings, version: reply.data.version });
      this.texts = {};
      this.notice = success(`已保存「${title}」（第 ${reply.data.version} 版）。${effect}`);
    });
    return true;
  }

  /** After a CONFLICT: the latest document, a fresh draft. */
  async reload(): Promise<void> {
    this.conflict = undefined;
    this.notice = undefined;
    this.read.reset();
    this.draft = undefined;
    await this.load();
  }

  reset(): void {
    this.read.reset();
    this.area = undefined;
    this.draft = undefined;
    this.texts = {};
    this.localErrors = {};
    this.issues = [];
    this.saving = false;
    this.notice = undefined;
    this.conflict = undefined;
  }
}
