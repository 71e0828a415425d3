import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import type { LaunchChecklistView, LaunchClientFacts, LaunchItem, OpsService } from '../../../services/ops';
import type { IntentIds } from '../../../services/request-id';
import { failure, success, type Notice } from '../../../stores/notice';

/**
 * 上线检查: each production prerequisite as done / missing / to confirm, decided on the server
 * from what it can read plus what this phone reports (`readFacts`: the env id it was built with,
 * wx.getPrivacySetting). Refreshed on every show (the person fixes things elsewhere and comes
 * back); the one manual item (基础库最低版本) is confirmed here by an owner.
 */
export class LaunchChecklistStore {
  view: LaunchChecklistView | undefined = undefined;
  loading = false;
  error: string | undefined = undefined;
  forbidden = false;
  confirming = false;
  notice: Notice | undefined = undefined;
  private generation = 0;

  constructor(
    private readonly service: OpsService,
    private readonly intents: IntentIds,
    private readonly readFacts: () => Promise<LaunchClientFacts>,
  ) {
    makeAutoObservable<LaunchChecklistStore, 'service' | 'intents' | 'readFacts' | 'generation'>(this, { service: false, intents: false, readFacts: false, generation: false });
  }

  get items(): LaunchItem[] {
    return this.view?.items ?? [];
  }

  item(key: LaunchItem['key']): LaunchItem | undefined {
    return this.items.find((i) => i.key === key);
  }

  async load(): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    const facts = await this.readFacts();
    const reply = await this.service.launchChecklist(facts);
    if (generation !== this.generation) return;
    runInAction(() => {
      this.loading = false;
      if (reply.ok) {
        this.view = reply.data;
        this.error = undefined;
        this.forbidden = false;
        return;
      }
      this.forbidden = reply.error.code === 'FORBIDDEN';
      this.error = userMessage(reply.error.code, reply.error.message);
    });
  }

  /** 已在小程序后台设置 / 取消确认 (owners; the server refuses anyone else). */
  async confirmBaseLibrary(confirmed: boolean): Promise<void> {
    if (this.confirming) return;
    const intent = `launch:baseLibrary:${confirmed}`;
    this.confirming = true;
    this.notice = undefined;
    const reply = await this.service.confirmLaunchCheck('baseLibrary', confirmed, this.intents.idFor(intent, 'launch'));
    this.intents.settleUnlessUnknown(intent, reply);
    runInAction(() => {
      this.confirming = false;
      this.notice = reply.ok ? success(confirmed ? '已确认：基础库最低版本已在小程序后台设置。' : '已取消确认。') : failure(userMessage(reply.error.code, reply.error.message));
    });
    if (reply.ok) await this.load();
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  reset(): void {
    this.generation++;
    this.view = undefined;
    this.loading = false;
    this.error = undefined;
    this.forbidden = false;
    this.confirming = false;
    this.notice = undefined;
  }
}
