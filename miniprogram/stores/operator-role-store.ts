import { makeAutoObservable, runInAction } from 'mobx';
import type { OpsRole, OpsService } from '../services/ops';

/**
 * Whether the signed-in person is an operator (the 我的 entry to 运营后台) or may claim the store
 * as its first owner. Everything else operators use lives in the ops subpackage
 * (packages/ops/stores); the server checks the role on every call there.
 */
export class OperatorRoleStore {
  role: OpsRole | undefined = undefined;
  roleLoading = false;
  private roleGeneration = 0;

  constructor(private readonly service: OpsService) {
    makeAutoObservable<OperatorRoleStore, 'service' | 'roleGeneration'>(this, { service: false, roleGeneration: false });
  }

  get isOperator(): boolean {
    return this.role?.operator === true;
  }

  /** A 跟进专员 who is not an operator: 我的 shows only the way to their follow-up lists. */
  get isStaffOnly(): boolean {
    return this.role?.staff === true && !this.isOperator;
  }

  /** ops.role: no entry unless the server says operator (a failure shows none, never an error). */
  async loadRole(): Promise<void> {
    const generation = ++this.roleGeneration;
    this.roleLoading = true;
    const reply = await this.service.role();
    if (generation !== this.roleGeneration) return;
    runInAction(() => {
      this.roleLoading = false;
      this.role = reply.ok ? reply.data : undefined;
    });
  }

  ensureRole(): Promise<void> {
    return this.role || this.roleLoading ? Promise.resolve() : this.loadRole();
  }

  reset(): void {
    this.roleGeneration++;
    this.role = undefined;
    this.roleLoading = false;
  }
}
