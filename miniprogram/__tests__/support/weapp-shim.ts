import path from 'node:path';

/**
 * Runs the Taro **weapp build output** inside miniprogram-simulate (DESIGN "Toolchain facts").
 * simulate renders custom components; Taro pages are Page() registrations, so this shim supplies
 * the App/Page half of the platform: App/getApp/getCurrentPages stubs and a Page() that becomes a
 * Component() with onLoad/onShow/onReady mapped to lifetimes. Cloud calls go through whatever
 * `wx.cloud` the test installs *before* `bootWeapp` (Taro copies wx.cloud when taro.js loads).
 */
export const WEAPP_DIST = path.resolve(__dirname, '..', '..', '..', 'dist', 'weapp');

type AnyFn = (...args: unknown[]) => unknown;
type Options = Record<string, unknown>;

interface SimulateModule {
  load(componentPath: string, options?: { compiler?: 'official' | 'simulate'; rootPath?: string }): string;
  render(id: string, properties?: Options): SimulatedComponent;
  sleep(ms: number): Promise<void>;
}

export interface SimulatedComponent {
  dom: HTMLElement;
  attach(parent: Element): void;
  detach(): void;
  querySelector(selector: string): SimulatedComponent | undefined;
  querySelectorAll(selector: string): SimulatedComponent[];
  dispatchEvent(eventName: string, options?: unknown): void;
  instance: Options;
}

const g = globalThis as unknown as Record<string, unknown>;

export interface BootedWeapp {
  simulate: SimulateModule;
  /** Load, render and attach a page by its app.json path, e.g. 'pages/index/index'. May be called again for a new instance. */
  openPage(pagePath: string, query?: Record<string, string>): SimulatedComponent;
}

export function bootWeapp(wxCloud: unknown, launchPath = 'pages/index/index'): BootedWeapp {
  // Required first: it defines global.wx (its API mocks) and global.Component.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as SimulateModule;
  const wx = g.wx as Options;
  wx.cloud = wxCloud;

  let app: Options | undefined;
  const pages: Options[] = [];
  g.App = (opts: Options) => {
    app = opts;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pages;

  let pageQuery: Record<string, string> = {};
  const Component = g.Component as (def: Options) => void;
  g.Page = (opts: Options) => {
    const methods: Record<string, AnyFn> = {};
    for (const [k, v] of Object.entries(opts)) if (typeof v === 'function') methods[k] = v as AnyFn;
    Component({
      data: (opts.data as Options | undefined) ?? {},
      methods,
      lifetimes: {
        attached(this: Options) {
          pages.push(this);
          (this.onLoad as AnyFn | undefined)?.call(this, pageQuery);
        },
        ready(this: Options) {
          (this.onShow as AnyFn | undefined)?.call(this);
          (this.onReady as AnyFn | undefined)?.call(this);
        },
        detached(this: Options) {
          (this.onUnload as AnyFn | undefined)?.call(this);
          pages.splice(pages.indexOf(this), 1);
        },
      },
    });
  };

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(WEAPP_DIST, 'app.js'));
  if (!app) throw new Error('dist/weapp/app.js did not call App()');
  (app.onLaunch as AnyFn | undefined)?.call(app, { path: launchPath, query: {}, scene: 1001 });
  (app.onShow as AnyFn | undefined)?.call(app, { path: launchPath, query: {}, scene: 1001 });

  // A page's module registers its Page() once (require cache), so a second load of the same path
  // would define nothing: render the definition loaded the first time again.
  const loaded = new Map<string, string>();
  let opened = 0;
  return {
    simulate,
    openPage(pagePath, query = {}) {
      // Taro's navigateTo adds a unique $taroTimestamp so two instances of one page keep separate
      // hooks (useDidShow, useRouter); do the same.
      pageQuery = { ...query, $taroTimestamp: String(++opened) };
      let id = loaded.get(pagePath);
      if (!id) {
        id = simulate.load(path.join(WEAPP_DIST, pagePath), { compiler: 'official', rootPath: WEAPP_DIST });
        loaded.set(pagePath, id);
      }
      const page = simulate.render(id);
      page.attach(document.createElement('parent-wrapper'));
      return page;
    },
  };
}
