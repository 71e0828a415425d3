import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import type { InboxItem, MessagesService } from '../../services/messages';
import { useStores } from '../../stores/context';
import type { MessagesStore } from '../../stores/messages-store';
import { failure, type Notice } from '../../stores/notice';
import { PagedList } from '../../stores/paged-list';
import type { Resettable, RootStore } from '../../stores/root-store';

/**
 * 消息: the subscription messages that reached the customer, newest first (`messages.inbox`, 20 a
 * page by send time). Opening one records it once (`messages.open`, an interaction for the
 * profile) and answers where the message leads.
 */
export class InboxStore implements Resettable {
  readonly list: PagedList<InboxItem, number>;
  opening: string | undefined = undefined;
  notice: Notice | undefined = undefined;

  constructor(
    private readonly service: MessagesService,
    private readonly messages: MessagesStore,
    private readonly now: () => number = Date.now,
  ) {
    this.list = new PagedList<InboxItem, number>(async (cursor) => {
      const reply = await service.inbox(cursor);
      return reply.ok ? { ok: true, data: { items: reply.data.items, nextCursor: reply.data.nextCursor ?? undefined } } : reply;
    }, (m) => m.messageId);
    makeAutoObservable<InboxStore, 'service' | 'messages' | 'now'>(this, { list: false, service: false, messages: false, now: false });
  }

  /** Opens a message: recorded once; resolves with the page it leads to (undefined when it failed). */
  async open(item: InboxItem): Promise<string | undefined> {
    if (this.opening) return undefined;
    this.opening = item.messageId;
    this.notice = undefined;
    try {
      const reply = await this.service.open(item.messageId);
      if (!reply.ok) {
        runInAction(() => (this.notice = failure(userMessage(reply.error.code, reply.error.message))));
        return undefined;
      }
      if (reply.data.opened) {
        this.messages.markOpened();
        runInAction(() => this.list.update({ ...item, openedAt: this.now() }, true));
      }
      return reply.data.page;
    } finally {
      runInAction(() => (this.opening = undefined));
    }
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  reset(): void {
    this.list.reset();
    this.opening = undefined;
    this.notice = undefined;
  }
}

export const inboxOf = (root: RootStore): InboxStore => root.extension('inbox', (r) => new InboxStore(r.services.messages, r.messages));

export function useInbox(): InboxStore {
  return inboxOf(useStores());
}
