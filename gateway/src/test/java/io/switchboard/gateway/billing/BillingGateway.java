package io.switchboard.gateway.billing;

import io.switchboard.engine.billing.Billing;
import io.switchboard.engine.billing.BillingConfig;
import io.switchboard.gateway.GatewayOptions;
import io.switchboard.gateway.GatewayServer;
import io.switchboard.gateway.KeyAuthenticator;
import io.switchboard.gateway.admin.VirtualKeyAuthenticator;
import io.switchboard.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A gateway with cost control over {@code dataDir}, in front of an in-process simulator, wired as
 * {@code switchboard serve} wires it: virtual keys or the master key, budgets, ledger, admin API.
 */
final class BillingGateway implements AutoCloseable {
    static final String MASTER = "sk-gw-master-test";

    final Billing billing;
    final GatewayServer server;

    BillingGateway(Path dataDir, BillingConfig config, SimulatorConfig simulator) {
        billing = Billing.open(config, dataDir, Clock.systemUTC());
        try {
            GatewayOptions options = GatewayOptions.builder().instances(2)
                    .authenticator(new VirtualKeyAuthenticator(KeyAuthenticator.masterKey(MASTER), billing.keys())).build();
            server = GatewayServer.startOffline(options, simulator, engine -> engine.billing(billing));
        } catch (RuntimeException e) {
            billing.close();
            throw e;
        }
    }

    BillingGateway(Path dataDir) { this(dataDir, BillingConfig.DEFAULTS, SimulatorConfig.builder().port(0).instances(1).build()); }

    String url(String path) { return server.baseUrl() + path; }

    @Override
    public void close() {
        server.close();
        billing.close();
    }
}
