package dev.pinnipedjava.concierge.kubecertagent;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** Runs commands in pods with fabric8's {@code pods/exec} client. */
public final class KubernetesPodCommandExecutor implements PodCommandExecutor {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KubernetesClient client;

  public KubernetesPodCommandExecutor(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public String exec(String namespace, String pod, String container, String... command)
      throws PodCommandException {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    CompletableFuture<@Nullable Status> exit = new CompletableFuture<>();
    try (ExecWatch watch =
        client
            .pods()
            .inNamespace(namespace)
            .withName(pod)
            .inContainer(container)
            .writingOutput(stdout)
            .writingError(stderr)
            .usingListener(
                new ExecListener() {
                  @Override
                  public void onFailure(Throwable failure, @Nullable Response response) {
                    exit.completeExceptionally(
                        new PodCommandException(describe(failure, response), failure));
                  }

                  @Override
                  public void onClose(int code, String reason) {
                    exit.complete(null);
                  }

                  @Override
                  public void onExit(int code, Status status) {
                    exit.complete(status);
                  }
                })
            .exec(command)) {
      Status status = exit.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Integer code = watch.exitCode().getNow(null);
      if (code != null && code != 0) {
        String message = status == null ? null : status.getMessage();
        throw new PodCommandException(
            message == null || message.isEmpty()
                ? "command terminated with exit code " + code + stderrSuffix(stderr)
                : message + stderrSuffix(stderr));
      }
      if (status != null && "Failure".equals(status.getStatus())) {
        throw new PodCommandException(status.getMessage() + stderrSuffix(stderr));
      }
      return stdout.toString(StandardCharsets.UTF_8);
    } catch (KubernetesClientException e) {
      throw new PodCommandException(describe(e, null), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof PodCommandException described) {
        throw described;
      }
      throw new PodCommandException(String.valueOf(cause.getMessage()), cause);
    } catch (TimeoutException e) {
      throw new PodCommandException("no answer within " + TIMEOUT.toSeconds() + "s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PodCommandException("interrupted", e);
    }
  }

  /** The failure and, when the API server answered, its status code and message. */
  private static String describe(Throwable failure, ExecListener.@Nullable Response response) {
    StringBuilder message = new StringBuilder(String.valueOf(failure.getMessage()));
    // fabric8 wraps what went wrong ("An error has occurred."): the causes say what it was.
    for (Throwable cause = failure.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        message.append(": ").append(cause.getMessage());
      }
    }
    if (response != null && response.code() > 0) {
      message.append(" (HTTP ").append(response.code());
      try {
        String body = response.body();
        if (body != null && !body.isBlank()) {
          message.append(": ").append(body.strip());
        }
      } catch (IOException e) {
        // The status code alone must do.
      }
      message.append(')');
    }
    return message.toString();
  }

  private static String stderrSuffix(ByteArrayOutputStream stderr) {
    String text = stderr.toString(StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "" : ": " + text;
  }
}
