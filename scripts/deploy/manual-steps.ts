/**
 * What the deploy cannot do and a person must, printed after every dry run and deploy. Each step
 * names where it is done and how to check it; the sources are in shared/PLATFORM.md and README.
 */
import type { DeployPlan } from './plan';

export function manualSteps(plan: DeployPlan, envId: string): string[] {
  const steps: string[] = [];
  const mch = plan.functions.flatMap((f) => f.vars).find((v) => v.name === 'WECHAT_PAY_SUB_MCH_ID' && v.value)?.value;
  steps.push(
    `微信支付 / WeChat Pay: 云开发控制台 → 设置 → 全局设置，开通微信支付并添加商户号 ${mch ?? '$WECHAT_PAY_SUB_MCH_ID'}；` +
      `商户号管理员在「微信支付商家助手」小程序确认账号绑定，并在微信支付商户平台「我的授权产品」确认 JSAPI 与 API 退款权限` +
      `（WeChat cloud docs「微信支付」）。Check: the console shows 已绑定 / 已授权.`,
  );
  const withOpenapi = plan.functions.filter((f) => f.fn.openapi.length);
  if (withOpenapi.length)
    steps.push(
      `云调用权限 / cloud-call permissions: config.json permissions.openapi only takes effect when the function is uploaded from WeChat DevTools ` +
        `(the API used here does not register it). In DevTools (project root, env ${envId}) right-click each of ` +
        withOpenapi.map((f) => `dist/functions/${f.fn.name} [${f.fn.openapi.join(', ')}]`).join('; ') +
        ` → 「上传并部署：云端安装依赖」. Check: no -604101 errors in the function logs; then confirm in the console that its environment variables are still set (if not, run npm run deploy again).`,
    );
  steps.push(
    `发货信息管理 / shipping info: enable 发货信息管理服务 in the Mini Program admin console (mp.weixin.qq.com); until then paid orders' money stays frozen by WeChat.`,
  );
  steps.push(
    `订阅消息模板 / subscription templates: pick the promotion and renewal templates in mp.weixin.qq.com → 订阅消息, then put their ids and keyword names in 运营后台 → 设置 ` +
      `(settings.messageTemplates; the defaults tpl-promotion / tpl-renewal are placeholders and every send fails with them).`,
  );
  steps.push(`隐私 / privacy: declare 用户隐私保护指引 in mp.weixin.qq.com → 设置 → 服务内容声明 (see README "WeChat privacy authorization").`);
  const ops = plan.functions.find((f) => f.vars.some((v) => v.name === 'OWNER_OPENID'));
  const ownerOpenid = ops?.vars.find((v) => v.name === 'OWNER_OPENID' && v.value)?.value;
  if (plan.ownerClaim) steps.push(`首位店主 / first owner: open 运营后台 in the Mini Program with the owner's WeChat and enter the claim code printed above (once; it is not stored anywhere).`);
  else if (ownerOpenid) steps.push(`首位店主 / first owner: ${ownerOpenid} (OWNER_OPENID) is the owner; add operators from 运营后台.`);
  else if (plan.ownerClaimPending || !plan.cloudRead)
    steps.push(`首位店主 / first owner: the first npm run deploy prints a one-time claim code (or set OWNER_OPENID=<openid> when deploying); enter it in 运营后台 with the owner's WeChat.`);
  steps.push(
    `小程序 / Mini Program: TCB_ENV_ID=${envId} npm run build:weapp; put your AppID in project.config.json; open the repository root in WeChat DevTools, preview on a phone, upload, submit for review.`,
  );
  return steps;
}
