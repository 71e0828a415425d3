/**
 * zod is loaded only by the operator subpackage, where the forms check drafts with the server's
 * own schemas. It stays out of the main package and the customer subpackages on purpose: zod 4
 * evaluates `BigInt(...)` when it loads (zod/v4/core/util.js, the int64/uint64 ranges), which
 * throws on a client without BigInt (miniprogram/__tests__/client-bundle.sim.test.ts checks the
 * built bundle; README "Deploy" notes what that means for operators' phones).
 *
 * WeChat forbids `new Function`, so zod's JIT is switched off — before any schema is built: zod
 * decides per object schema, when it is created, whether to JIT (core/schemas.js, $ZodObject:
 * `const jit = !core.globalConfig.jitless`). Hence this module is the FIRST import of every
 * operator module that imports a schema module (local/__tests__/weapp-zod.test.ts enforces it).
 */
import { config } from 'zod';

config({ jitless: true });
