package dev.pinnipedjava.concierge.impersonator;

import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Short-lived tokens of the impersonation proxy's service account from the TokenRequest API, as
 * Pinniped's tokenclient: one day long, replaced when 80% of the lifetime has passed (sooner after
 * a failure). No pod mounts the account's token; these are its only credentials.
 */
public final class ServiceAccountTokens implements Supplier<String>, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ServiceAccountTokens.class);

  static final Duration LIFETIME = Duration.ofDays(1);
  private static final Duration RETRY = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final String namespace;
  private final String serviceAccount;
  private final Clock clock;
  private final ScheduledExecutorService refresher;
  private volatile String token;

  private ServiceAccountTokens(
      KubernetesClient client, String namespace, String serviceAccount, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.serviceAccount = serviceAccount;
    this.clock = clock;
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "impersonation-proxy-token");
              thread.setDaemon(true);
              return thread;
            });
    this.token = "";
  }

  /**
   * Gets a first token, then keeps it fresh.
   *
   * @throws KubernetesClientException when no token can be had
   */
  public static ServiceAccountTokens start(
      KubernetesClient client, String namespace, String serviceAccount, Clock clock) {
    ServiceAccountTokens tokens =
        new ServiceAccountTokens(client, namespace, serviceAccount, clock);
    try {
      tokens.scheduleRefresh(tokens.refresh());
    } catch (RuntimeException e) {
      tokens.close();
      throw e;
    }
    return tokens;
  }

  @Override
  public String get() {
    return token;
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }

  /** Requests a new token; returns when to request the next one. */
  private Duration refresh() {
    TokenRequest request =
        new TokenRequestBuilder()
            .withNewSpec()
            .withExpirationSeconds(LIFETIME.toSeconds())
            .endSpec()
            .build();
    TokenRequest issued =
        client
            .serviceAccounts()
            .inNamespace(namespace)
            .withName(serviceAccount)
            .tokenRequest(request);
    token = issued.getStatus().getToken();
    Instant expires = Instant.parse(issued.getStatus().getExpirationTimestamp());
    Duration lifetime = Duration.between(clock.instant(), expires);
    return lifetime.isNegative() ? RETRY : Duration.ofMillis(lifetime.toMillis() * 8 / 10);
  }

  // refreshLater() handles every failure itself, so the scheduled future carries nothing to check.
  @SuppressWarnings("FutureReturnValueIgnored")
  private void scheduleRefresh(Duration delay) {
    if (!refresher.isShutdown()) {
      refresher.schedule(this::refreshLater, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void refreshLater() {
    try {
      scheduleRefresh(refresh());
    } catch (RuntimeException e) {
      LOG.warnf(
          "cannot renew the token of service account %s/%s: %s",
          namespace, serviceAccount, e.getMessage());
      scheduleRefresh(RETRY);
    }
  }
}
