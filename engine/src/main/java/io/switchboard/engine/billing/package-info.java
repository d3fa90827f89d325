/**
 * Cost control on the request path: {@link io.switchboard.engine.billing.Billing} (opened once over the data
 * directory) bundles the price catalog, estimator, budget book, spend ledger and virtual keys;
 * {@link io.switchboard.engine.billing.BudgetPolicy} reserves each call's worst case, settles it from the real
 * usage (streams as they pass, via {@code MeteredByteSource}) or releases it, and adds the cost headers;
 * {@link io.switchboard.engine.billing.KeyPermissionPolicy} enforces a key's allowed models and routes.
 * Configuration: {@link io.switchboard.engine.billing.BillingConfig}, read by
 * {@link io.switchboard.engine.billing.BillingYamlReader}. See docs/cost.md.
 */
package io.switchboard.engine.billing;
