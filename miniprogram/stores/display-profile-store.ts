import { makeAutoObservable, runInAction } from 'mobx';
import { contentTypeOf, type ImageType } from '@shared/catalog/images';
import { checkNickname } from '@shared/customers/display-profile';
import { userMessage } from '@shared/errors/messages';
import type { UploadFile } from '../services/cloud';
import type { CustomerService, DisplayProfileView } from '../services/customer';
import type { MediaService } from '../services/media';
import { Loader } from './loader';

/** An avatar chosen on this device and not saved yet: shown from its local path until 保存. */
export interface ChosenAvatar {
  path: string;
  contentType: ImageType;
  size?: number;
}

/**
 * 头像昵称 (issue 17 #8): what the customer chose to be shown as on 我的 (and to the shop), and the
 * small editor behind 「设置头像昵称」. The avatar comes from WeChat's chooseAvatar button (weapp:
 * a temp path, cloudfunctions/_kit/platform/fixtures/weapp.choose-avatar.json) or, in the H5 build,
 * from the photo picker; it is uploaded only when the customer saves, then the server checks it.
 */
export class DisplayProfileStore {
  view: DisplayProfileView | undefined = undefined;
  loading = false;
  loaded = false;
  error: string | undefined = undefined;
  /** The editor's nickname field as typed. */
  draftNickname = '';
  chosen: ChosenAvatar | undefined = undefined;
  saving = false;
  /** Why 保存 / 删除 did not work (Chinese, says what to do). */
  problem: string | undefined = undefined;
  /** The last thing that worked, for the page to say so. */
  done: 'saved' | 'cleared' | undefined = undefined;
  private readonly loader = new Loader(this);

  constructor(
    private readonly service: CustomerService,
    private readonly upload: UploadFile,
    private readonly media: MediaService,
  ) {
    makeAutoObservable<DisplayProfileStore, 'service' | 'upload' | 'media' | 'loader'>(this, { service: false, upload: false, media: false, loader: false });
  }

  get nickname(): string | null {
    return this.view?.nickname ?? null;
  }

  get avatarUrl(): string | null {
    return this.view?.avatarUrl ?? null;
  }

  get hasProfile(): boolean {
    return !!(this.view?.nickname || this.view?.avatarFileID);
  }

  /** What the editor shows as the avatar: the one just chosen, else the saved one. */
  get previewUrl(): string | null {
    return this.chosen?.path ?? this.avatarUrl;
  }

  async load(): Promise<void> {
    await this.loader.load(() => this.service.profile(), (v) => (this.view = v));
  }

  ensureLoaded(): Promise<void> {
    return this.loader.ensureLoaded(() => this.load());
  }

  /** The editor opens with what is saved. */
  startEditing(): void {
    this.draftNickname = this.view?.nickname ?? '';
    this.chosen = undefined;
    this.problem = undefined;
    this.done = undefined;
  }

  setNickname(v: string): void {
    this.draftNickname = v;
    this.problem = undefined;
  }

  /** weapp: `e.detail.avatarUrl` of the chooseAvatar button (a temp file; no size, type from its extension). */
  chooseAvatarPath(path: string): void {
    if (!path) return;
    // The documented path ends in its extension (…jpeg); the server reads the real type from the bytes anyway.
    this.chosen = { path, contentType: contentTypeOf(undefined, path) ?? 'image/jpeg' };
    this.problem = undefined;
  }

  /** H5 (no chooseAvatar): the photo picker. */
  async pickAvatar(): Promise<void> {
    const [img] = await this.media.pickImages(1);
    if (!img) return;
    runInAction(() => {
      if (!img.contentType) this.problem = '头像格式不支持，请选择 JPG、PNG 或 WebP 图片。';
      else this.chosen = { path: img.path, contentType: img.contentType, size: img.size };
    });
  }

  /**
   * 同意并保存: the nickname is checked here with the server's own rule (the server checks again),
   * a chosen avatar is uploaded, then both are saved. `nickname` is what the form submitted (WeChat
   * may empty a nickname input that fails its check on blur: the submitted value is the one to use).
   */
  async save(nickname: string = this.draftNickname): Promise<boolean> {
    if (this.saving) return false;
    const typed = nickname.trim();
    const chosen = this.chosen;
    if (!typed && !chosen) {
      this.problem = '请填写昵称或选择头像后再保存。';
      return false;
    }
    if (typed) {
      const checked = checkNickname(typed);
      if (!checked.ok) {
        this.problem = checked.message;
        return false;
      }
    }
    this.saving = true;
    this.problem = undefined;
    this.done = undefined;
    try {
      let avatarFileID: string | undefined;
      if (chosen) {
        const ticket = await this.service.avatarUploadTicket(chosen.contentType, chosen.size);
        if (!ticket.ok) return this.refused(userMessage(ticket.error.code, ticket.error.message));
        const sent = await this.upload(ticket.data, chosen.path);
        if (!sent.ok) return this.refused(sent.message.replace('图片', '头像'));
        avatarFileID = sent.fileID ?? ticket.data.fileID;
      }
      const r = await this.service.saveProfile({ ...(typed ? { nickname: typed } : {}), ...(avatarFileID ? { avatarFileID } : {}) });
      if (!r.ok) return this.refused(userMessage(r.error.code, r.error.message));
      runInAction(() => {
        this.view = r.data;
        this.loaded = true;
        this.chosen = undefined;
        this.draftNickname = r.data.nickname ?? '';
        this.done = 'saved';
      });
      return true;
    } finally {
      runInAction(() => (this.saving = false));
    }
  }

  /** 删除头像昵称: both go, on the server and on screen. */
  async clear(): Promise<boolean> {
    if (this.saving) return false;
    this.saving = true;
    this.problem = undefined;
    try {
      const r = await this.service.clearProfile();
      if (!r.ok) return this.refused(userMessage(r.error.code, r.error.message));
      runInAction(() => {
        this.view = r.data;
        this.chosen = undefined;
        this.draftNickname = '';
        this.done = 'cleared';
      });
      return true;
    } finally {
      runInAction(() => (this.saving = false));
    }
  }

  private refused(message: string): false {
    runInAction(() => (this.problem = message));
    return false;
  }

  reset(): void {
    this.loader.reset();
    this.view = undefined;
    this.draftNickname = '';
    this.chosen = undefined;
    this.problem = undefined;
    this.done = undefined;
  }
}
