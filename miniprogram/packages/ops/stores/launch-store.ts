import { makeAutoObservable, runInAction } from 'mobx';
import type { LaunchChecklistView, LaunchClientFacts, LaunchItem, OpsService } from '../../../services/ops';
import type { IntentIds } from '../../../services/request-id';
import { success, type Notice } from '../../../stores/notice';
import { Loadable } from '../../../stores/loadable';
import { refusal, sendOnce } from './outcome';

/**
 * 上线检查: each production prerequisite as done / missing / to confirm, decided on the server
 * from what it can read plus what this phone reports (`readFacts`: the env id it was built with,
 * wx.getPrivacySetting). Refreshed on every show (the person fixes things elsewhere and comes
 * back); the one manual item (基础库最低版本) is confirmed here by an owner.
 */
export class LaunchChecklistStore {
  /** ops.launchChecklist with this phone's facts. */
  readonly read: Loadable<LaunchChecklistView>;
  confirming = false;
  notice: Notice | undefined = undefined;

  constructor(
    private readonly service: OpsService,
    private readonly intents: IntentIds,
    private readonly readFacts: () => Promise<LaunchClientFacts>,
  ) {
    this.read = new Loadable(async () => this.service.launchChecklist(await this.readFacts()));
    makeAutoObservable<LaunchChecklistStore, 'service' | 'intents' | 'readFacts'>(this, { service: false, intents: false, readFacts: false, read: false });
  }

  get items(): LaunchItem[] {
    return this.read.data?.items ?? [];
  }

  item(key: LaunchItem['key']): LaunchItem | undefined {
    return this.items.find((i) => i.key === key);
  }

  /** 已在小程序后台设置 / 取消确认 (owners; the server refuses anyone else). */
  async confirmBaseLibrary(confirmed: boolean): Promise<void> {
    if (this.confirming) return;
    this.confirming = true;
    this.notice = undefined;
    const reply = await sendOnce(this.intents, `launch:baseLibrary:${confirmed}`, 'launch', (id) => this.service.confirmLaunchCheck('baseLibrary', confirmed, id));
    runInAction(() => {
      this.confirming = false;
      this.notice = reply.ok ? success(confirmed ? '已确认：基础库最低版本已在小程序后台设置。' : '已取消确认。') : refusal(reply.error);
    });
    if (reply.ok) await this.read.load();
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  reset(): void {
    this.read.reset();
    this.confirming = false;
    this.notice = undefined;
  }
}
