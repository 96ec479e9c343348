package dev.pinnipedjava.aggregatedapi.apicerts;

import dev.pinnipedjava.aggregatedapi.tls.ServingKeyManager;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Renews the aggregated API's CA and serving certificate while the Concierge runs. It looks at the
 * Secret periodically: a certificate due for renewal is replaced there (by this replica or
 * another), the APIServices are made to trust the new CA beside the old one, and only once the
 * kube-apiserver has seen that bundle does the listener present the new certificate, so that no
 * request finds a certificate its caller does not trust yet.
 */
public final class ServingCertificateRotation implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ServingCertificateRotation.class);

  private static final Duration MIN_STEP = Duration.ofSeconds(1);
  private static final Duration MAX_CHECK_INTERVAL = Duration.ofMinutes(1);
  private static final Duration MAX_TRUST_GRACE = Duration.ofSeconds(10);

  private final ServingCertificateSecret secret;
  private final ServingKeyManager servingKeys;
  private final ApiServiceCaBundleController caBundles;
  private final Clock clock;
  private final Duration checkInterval;
  private final Duration trustGrace;
  private final ScheduledExecutorService worker;
  private volatile StoredCertificates served;
  private volatile String advertisedCaBundle;
  private @Nullable Instant trustedSince;

  /**
   * @param served the certificates the listener presents now
   * @param renewBefore how long before its end a certificate is renewed; checks run often enough to
   *     renew well within it
   */
  public ServingCertificateRotation(
      ServingCertificateSecret secret,
      StoredCertificates served,
      ServingKeyManager servingKeys,
      ApiServiceCaBundleController caBundles,
      Duration renewBefore,
      Clock clock) {
    this.secret = secret;
    this.served = served;
    this.advertisedCaBundle = served.caBundlePem(clock.instant());
    this.servingKeys = servingKeys;
    this.caBundles = caBundles;
    this.clock = clock;
    this.checkInterval = clamp(renewBefore.dividedBy(10), MIN_STEP, MAX_CHECK_INTERVAL);
    this.trustGrace = clamp(renewBefore.dividedBy(10), MIN_STEP, MAX_TRUST_GRACE);
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "serving-certificate-rotation");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts the periodic checks. */
  // check() handles its own failures: the future holds nothing to look at.
  @SuppressWarnings("FutureReturnValueIgnored")
  public void start() {
    worker.scheduleWithFixedDelay(
        this::check, checkInterval.toMillis(), checkInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The CA bundle the APIServices should hold now: during a renewal, the new CA beside the one of
   * the certificate still served.
   */
  public String caBundlePem() {
    return advertisedCaBundle;
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }

  /** One step: renew when due, spread trust in the new CA, then present the new certificate. */
  void check() {
    StoredCertificates stored;
    try {
      stored = secret.loadOrRenew();
    } catch (KubernetesClientException e) {
      LOG.warnf("cannot check the serving certificate Secret: %s", e.getMessage());
      return;
    } catch (RuntimeException e) {
      LOG.errorf(e, "checking the serving certificate failed");
      return;
    }
    Instant now = clock.instant();
    advertisedCaBundle = stored.caBundlePem(now);
    caBundles.setCaBundle(advertisedCaBundle);
    if (stored.current().serving().certificate().equals(served.current().serving().certificate())) {
      trustedSince = null;
      return;
    }
    if (!caBundles.isCurrent()) {
      trustedSince = null;
      return;
    }
    Instant since = trustedSince;
    if (since == null) {
      trustedSince = now;
      since = now;
    }
    // The kube-apiserver applies a changed caBundle to its proxy asynchronously.
    if (Duration.between(since, now).compareTo(trustGrace) < 0) {
      return;
    }
    servingKeys.set(stored.current().serving());
    served = stored;
    trustedSince = null;
    LOG.infof(
        "now serving the renewed certificate, valid until %s",
        stored.current().serving().certificate().getNotAfter().toInstant());
  }

  private static Duration clamp(Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0) {
      return min;
    }
    return value.compareTo(max) > 0 ? max : value;
  }
}
