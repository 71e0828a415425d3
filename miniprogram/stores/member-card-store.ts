import { makeAutoObservable } from 'mobx';
import type { MemberCardView, MemberService } from '../services/member';
import { Loader } from './loader';

/**
 * 会员卡 on 会员 and 我的 (member.card). Balance, coupons and 已省 change with purchases anywhere,
 * so the pages load it on every show; a failed load keeps the last card on screen.
 */
export class MemberCardStore {
  view: MemberCardView | undefined = undefined;
  loading = false;
  loaded = false;
  error: string | undefined = undefined;
  private readonly loader = new Loader(this);

  constructor(private readonly service: MemberService) {
    makeAutoObservable<MemberCardStore, 'service' | 'loader'>(this, { service: false, loader: false });
  }

  async load(): Promise<void> {
    await this.loader.load(() => this.service.card(), (v) => (this.view = v));
  }

  reset(): void {
    this.loader.reset();
    this.view = undefined;
  }
}
