import '../zod-setup';
import { makeAutoObservable, runInAction } from 'mobx';
import { imageProblem } from '@shared/catalog/images';
import { userMessage } from '@shared/errors/messages';
import { MAX_PRODUCT_IMAGES } from '@shared/schemas/product';
import type { UploadFile } from '../../../services/cloud';
import type { MediaService } from '../../../services/media';
import type { AdminProductView, OpsService } from '../../../services/ops';
import type { IntentIds } from '../../../services/request-id';
import { failure, info, success, type Notice } from '../../../stores/notice';
import { checkProductForm, emptyProductForm, fieldOfPath, formOf, type FieldErrors, type ProductField, type ProductForm } from '../format/product-form';
import { Loadable } from '../../../stores/loadable';
import { refusal, sendOnce } from './outcome';

export type ProductTab = 'active' | 'archived';

export const PRODUCT_TABS: Array<{ status: ProductTab; label: string; empty: string }> = [
  { status: 'active', label: '在售', empty: '还没有在售商品，点「新建商品」添加第一个。' },
  { status: 'archived', label: '已下架', empty: '没有已下架的商品。' },
];

const byTabOrder = (a: AdminProductView, b: AdminProductView) => a.sort - b.sort || a.createdAt - b.createdAt;

/**
 * 商品管理 list: every product (on sale and archived — products are never deleted, orders point at
 * them), 下架 after a confirm, 重新上架. The editor reads it for the full-product picker.
 */
export class ProductsStore {
  tab: ProductTab = 'active';
  /** Every product (ops.products): on sale and archived. */
  readonly read: Loadable<AdminProductView[]>;
  notice: Notice | undefined = undefined;
  busyId: string | undefined = undefined;
  /** The product awaiting the 下架 confirm. */
  archiveId: string | undefined = undefined;

  constructor(
    private readonly service: OpsService,
    private readonly intents: IntentIds,
  ) {
    this.read = new Loadable(async () => {
      const r = await this.service.products();
      return r.ok ? { ok: true, data: r.data.products } : r;
    });
    makeAutoObservable<ProductsStore, 'service' | 'intents'>(this, { service: false, intents: false, read: false });
  }

  get products(): AdminProductView[] {
    return this.read.data ?? [];
  }

  get shown(): AdminProductView[] {
    return this.products.filter((p) => p.status === this.tab).sort(byTabOrder);
  }

  get isEmpty(): boolean {
    return this.read.loaded && this.shown.length === 0;
  }

  /** What a trial may link to: regular products on sale. */
  get fullProductChoices(): AdminProductView[] {
    return this.products.filter((p) => p.kind === 'regular' && p.status === 'active').sort(byTabOrder);
  }

  /** Categories in use, for the editor's quick choices. */
  get categories(): string[] {
    return [...new Set(this.products.map((p) => p.category))];
  }

  product(id: string): AdminProductView | undefined {
    return this.products.find((p) => p._id === id);
  }

  setTab(tab: ProductTab): void {
    this.tab = tab;
    this.archiveId = undefined;
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  /** A product the editor saved: in place, or added (a list not read yet is read whole when shown). */
  upsert(p: AdminProductView): void {
    const list = this.read.data;
    if (!list) return;
    const i = list.findIndex((x) => x._id === p._id);
    if (i >= 0) list[i] = p;
    else list.push(p);
  }

  openArchive(id: string): void {
    if (this.product(id)?.status === 'active') this.archiveId = id;
  }

  cancelArchive(): void {
    if (!this.busyId) this.archiveId = undefined;
  }

  async confirmArchive(): Promise<boolean> {
    const id = this.archiveId;
    if (!id) return false;
    return this.setStatus(id, 'archive');
  }

  restore(id: string): Promise<boolean> {
    return this.setStatus(id, 'restore');
  }

  private async setStatus(id: string, action: 'archive' | 'restore'): Promise<boolean> {
    const p = this.product(id);
    if (!p || this.busyId) return false;
    this.busyId = id;
    this.notice = undefined;
    const call = action === 'archive' ? this.service.archiveProduct : this.service.restoreProduct;
    const reply = await sendOnce(this.intents, `${action}:${id}:${p.revision}`, action, (requestId) => call(id, requestId));
    runInAction(() => {
      this.busyId = undefined;
      this.archiveId = undefined;
      if (!reply.ok) {
        if (reply.error.code === 'FORBIDDEN') this.read.markForbidden();
        this.notice = refusal(reply.error);
        return;
      }
      this.upsert(reply.data.product);
      this.notice = success(action === 'archive' ? `已下架「${p.name}」，顾客将不再看到它；已有订单不受影响。可在「已下架」中重新上架。` : `已重新上架「${p.name}」。`);
    });
    return reply.ok;
  }

  reset(): void {
    this.tab = 'active';
    this.read.reset();
    this.notice = undefined;
    this.busyId = undefined;
    this.archiveId = undefined;
  }
}

/** Which error a form field's edit clears. */
const FIELD_OF: Partial<Record<keyof ProductForm, ProductField[]>> = {
  name: ['name'],
  description: ['description'],
  category: ['category'],
  kind: ['kind', 'fullProductId', 'priceFen'],
  fullProductId: ['fullProductId', 'priceFen'],
  price: ['priceFen', 'memberPriceFen', 'floorFen'],
  memberPrice: ['memberPriceFen', 'floorFen'],
  cost: ['costFen'],
  floor: ['floorFen'],
  images: ['images'],
  earlyAccessUntil: ['memberEarlyAccessUntil'],
  refundWindowDays: ['refundWindowDays'],
  physical: ['physical'],
  sort: ['sort'],
  stockTracked: ['stock'],
  stock: ['stock'],
};

/**
 * 新建/编辑商品: the form, checked here with the server's own rules before sending; saved with the
 * revision it was loaded at (someone else's save in between is a CONFLICT, never overwritten);
 * images picked, uploaded to cloud storage and registered; stock set through its own action.
 */
export class ProductEditorStore {
  /** undefined while creating (until the first save). */
  productId: string | undefined = undefined;
  original: AdminProductView | undefined = undefined;
  form: ProductForm = emptyProductForm();
  errors: FieldErrors = {};
  /** The summary above the form when something blocks saving. */
  formError: string | undefined = undefined;
  loading = false;
  loadError: string | undefined = undefined;
  forbidden = false;
  saving = false;
  notice: Notice | undefined = undefined;
  warnings: string[] = [];
  /** Someone saved this product after it was opened here. */
  conflict: { currentRevision?: number } | undefined = undefined;
  uploading = 0;
  imageError: string | undefined = undefined;
  /** What the page asked to open ('new' or the product id): it shows the form only for that. */
  openedFor: string | undefined = undefined;
  /** One editing session = one family of request ids (see save). */
  private session = 0;
  private generation = 0;

  constructor(
    private readonly service: OpsService,
    private readonly intents: IntentIds,
    private readonly products: ProductsStore,
    private readonly media: MediaService,
    private readonly upload: UploadFile,
    private readonly now: () => number = () => Date.now(),
  ) {
    makeAutoObservable<ProductEditorStore, 'service' | 'intents' | 'products' | 'media' | 'upload' | 'now' | 'session' | 'generation'>(this, {
      service: false,
      intents: false,
      products: false,
      media: false,
      upload: false,
      now: false,
      session: false,
      generation: false,
    });
  }

  get isNew(): boolean {
    return this.productId === undefined;
  }

  /** What a trial may link to (never itself). */
  get fullProductChoices(): AdminProductView[] {
    return this.products.fullProductChoices.filter((p) => p._id !== this.productId);
  }

  get canAddImages(): boolean {
    return this.form.images.length < MAX_PRODUCT_IMAGES && this.uploading === 0;
  }

  /** A new, empty form (productId undefined) or the product as stored now (its latest revision). */
  async open(productId?: string, openedFor: string = productId ?? 'new'): Promise<void> {
    const generation = ++this.generation;
    this.session++;
    this.openedFor = openedFor;
    this.productId = productId;
    this.original = undefined;
    this.form = emptyProductForm();
    this.errors = {};
    this.formError = undefined;
    this.notice = undefined;
    this.warnings = [];
    this.conflict = undefined;
    this.imageError = undefined;
    this.loadError = undefined;
    // Learned again: a role can change between two visits (the new form asks through the catalog load).
    this.forbidden = false;
    // The full-product picker and the trial rules need the catalog.
    void this.products.read.ensureLoaded();
    if (!productId) {
      this.loading = false;
      return;
    }
    this.loading = true;
    const reply = await this.service.product(productId);
    if (generation !== this.generation) return;
    runInAction(() => {
      this.loading = false;
      if (!reply.ok) {
        this.forbidden = reply.error.code === 'FORBIDDEN';
        this.loadError = userMessage(reply.error.code, reply.error.message);
        return;
      }
      this.forbidden = false;
      this.original = reply.data;
      this.form = formOf(reply.data);
      this.products.upsert(reply.data);
    });
  }

  set<K extends keyof ProductForm>(field: K, value: ProductForm[K]): void {
    this.form[field] = value;
    for (const f of FIELD_OF[field] ?? []) delete this.errors[f];
    if (field === 'kind' && value === 'regular') this.form.fullProductId = '';
    this.formError = undefined;
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  /** The rule context: the product before this edit, the full product a trial names, trials that name this one. */
  private ruleContext() {
    const full = this.form.kind === 'trial' && this.form.fullProductId ? this.products.product(this.form.fullProductId) : undefined;
    return {
      now: this.now(),
      productId: this.productId,
      previous: this.original ?? null,
      fullProduct: this.form.kind === 'trial' && this.form.fullProductId ? (full ?? null) : undefined,
      linkedTrials: this.productId ? this.products.products.filter((p) => p.kind === 'trial' && p.status === 'active' && p.fullProductId === this.productId) : [],
    };
  }

  /** Check without sending (the form shows every problem next to its field). */
  validate(): boolean {
    const checked = checkProductForm(this.form, this.ruleContext());
    if (checked.ok) {
      this.errors = {};
      this.formError = undefined;
      return true;
    }
    this.errors = checked.errors;
    const n = Object.keys(checked.errors).length;
    this.formError = `有 ${n} 处需要修改（已在对应项下方标出），修改后再保存。`;
    return false;
  }

  /** 保存: checked first; create or edit (with the loaded revision); then stock if it changed. */
  async save(): Promise<boolean> {
    if (this.saving || this.uploading > 0) return false;
    const checked = checkProductForm(this.form, this.ruleContext());
    if (!checked.ok) {
      this.validate();
      return false;
    }
    const editing = this.productId !== undefined && this.original !== undefined;
    // Same form, same session → same request id (a retry after a lost reply cannot create twice);
    // a changed form is a new request.
    const intent = `save-product:${this.session}:${this.productId ?? 'new'}:${JSON.stringify(checked.input)}`;
    this.saving = true;
    this.errors = {};
    this.formError = undefined;
    this.notice = undefined;
    this.warnings = [];
    this.conflict = undefined;
    const reply = await this.service.saveProduct({
      ...(editing ? { productId: this.productId, expectedRevision: this.original!.revision } : {}),
      product: checked.input,
      requestId: this.intents.idFor(intent, 'prd'),
    });
    this.intents.settleUnlessUnknown(intent, reply);
    if (!reply.ok) {
      const { code, message, details } = reply.error;
      runInAction(() => {
        this.saving = false;
        if (code === 'FORBIDDEN') {
          this.forbidden = true;
        } else if (code === 'INVALID_INPUT' && Array.isArray(details)) {
          const errors: FieldErrors = {};
          for (const d of details as Array<{ path?: string; message?: string }>) {
            const field = fieldOfPath(d.path ?? '');
            if (field && d.message && !errors[field]) errors[field] = d.message;
          }
          this.errors = errors;
          this.formError = userMessage(code, message);
        } else if (code === 'CONFLICT') {
          const current = (details as { currentRevision?: unknown } | undefined)?.currentRevision;
          this.conflict = { currentRevision: typeof current === 'number' ? current : undefined };
          this.formError = `${userMessage(code, message)} 点「重新加载」查看对方保存的内容（您在此页的修改会被放弃，请重新填写）。`;
        } else {
          this.notice = failure(userMessage(code, message));
        }
      });
      return false;
    }
    const { product, created, warnings } = reply.data;
    let saved = product;
    let stockNote = '';
    const wanted = checked.stock;
    if (wanted !== (product.stock ?? null)) {
      const stockIntent = `stock:${this.session}:${product._id}:${wanted}`;
      const s = await this.service.setStock(product._id, wanted, this.intents.idFor(stockIntent, 'stock'));
      this.intents.settleUnlessUnknown(stockIntent, s);
      if (s.ok) saved = s.data.product;
      else stockNote = ` 但库存未能更新：${userMessage(s.error.code, s.error.message)}`;
    }
    runInAction(() => {
      this.saving = false;
      this.productId = saved._id;
      this.original = saved;
      this.form = formOf(saved);
      this.products.upsert(saved);
      this.warnings = warnings;
      const what = created ? `已创建商品「${saved.name}」，顾客现在可以在首页看到它。` : `已保存「${saved.name}」的修改（第 ${saved.revision} 版），只对之后的新订单生效。`;
      this.notice = stockNote ? failure(what + stockNote) : success(what);
    });
    return true;
  }

  /** After a CONFLICT: load what the other operator saved (this page's edits are dropped). */
  reload(): Promise<void> {
    return this.open(this.productId, this.openedFor);
  }

  /** 添加图片: pick → check type and size → ticket → upload to storage → register (the server checks the bytes). */
  async addImages(): Promise<void> {
    if (!this.canAddImages) return;
    this.imageError = undefined;
    const picked = await this.media.pickImages(MAX_PRODUCT_IMAGES - this.form.images.length);
    for (const img of picked) {
      if (this.form.images.length >= MAX_PRODUCT_IMAGES) {
        runInAction(() => (this.imageError = `最多 ${MAX_PRODUCT_IMAGES} 张图片，多出的未上传。`));
        break;
      }
      const problem = imageProblem(img.size, img.contentType);
      if (problem || !img.contentType) {
        runInAction(() => (this.imageError = problem ?? '图片格式不支持，请上传 JPG、PNG 或 WebP 图片。'));
        continue;
      }
      runInAction(() => this.uploading++);
      const failed = await this.uploadOne(img.path, img.contentType, img.size);
      runInAction(() => {
        this.uploading--;
        if (failed) this.imageError = failed;
      });
    }
  }

  /** One image through ticket → upload → register; the Chinese reason on failure. */
  private async uploadOne(path: string, contentType: NonNullable<Parameters<OpsService['imageUploadTicket']>[0]>, size: number): Promise<string | undefined> {
    const ticket = await this.service.imageUploadTicket(contentType, size);
    if (!ticket.ok) {
      if (ticket.error.code === 'FORBIDDEN') runInAction(() => (this.forbidden = true));
      return userMessage(ticket.error.code, ticket.error.message);
    }
    const sent = await this.upload(ticket.data, path);
    if (!sent.ok) return sent.message;
    const fileID = sent.fileID ?? ticket.data.fileID;
    const intent = `image:${fileID}`;
    const reg = await this.service.registerImage(fileID, this.intents.idFor(intent, 'img'));
    this.intents.settleUnlessUnknown(intent, reg);
    if (!reg.ok) return userMessage(reg.error.code, reg.error.message);
    runInAction(() => {
      if (!this.form.images.some((i) => i.fileID === reg.data.fileID)) this.set('images', [...this.form.images, { fileID: reg.data.fileID, url: reg.data.url || path }]);
    });
    return undefined;
  }

  removeImage(index: number): void {
    this.set(
      'images',
      this.form.images.filter((_, i) => i !== index),
    );
  }

  /** 设为封面: the first image is the cover customers see. */
  makeCover(index: number): void {
    const img = this.form.images[index];
    if (!img || index === 0) return;
    this.set('images', [img, ...this.form.images.filter((_, i) => i !== index)]);
    this.notice = info('已设为封面，保存后生效。');
  }

  reset(): void {
    this.generation++;
    this.session++;
    this.openedFor = undefined;
    this.productId = undefined;
    this.original = undefined;
    this.form = emptyProductForm();
    this.errors = {};
    this.formError = undefined;
    this.loading = false;
    this.loadError = undefined;
    this.forbidden = false;
    this.saving = false;
    this.notice = undefined;
    this.warnings = [];
    this.conflict = undefined;
    this.uploading = 0;
    this.imageError = undefined;
  }
}
