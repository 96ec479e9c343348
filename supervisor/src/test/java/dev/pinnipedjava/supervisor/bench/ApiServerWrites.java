package dev.pinnipedjava.supervisor.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Write requests the kube-apiserver has served, from its {@code apiserver_request_total} metric:
 * creates, updates, patches and deletes of Secrets, and of everything.
 */
final class ApiServerWrites {
  private static final Pattern REQUESTS =
      Pattern.compile("^apiserver_request_total\\{(.*)} ([0-9.e+]+)$", Pattern.MULTILINE);
  private static final Pattern RESOURCE = Pattern.compile("resource=\"([^\"]*)\"");
  private static final Pattern VERB = Pattern.compile("verb=\"([^\"]*)\"");
  private static final Set<String> WRITES =
      Set.of("POST", "PUT", "PATCH", "DELETE", "DELETECOLLECTION", "APPLY");

  /** Counts at one moment. */
  record Count(long secrets, long all) {
    Count minus(Count earlier) {
      return new Count(secrets - earlier.secrets, all - earlier.all);
    }
  }

  private final KubernetesClient admin;

  ApiServerWrites(KubernetesClient admin) {
    this.admin = admin;
  }

  Count now() {
    String metrics = admin.raw("/metrics");
    long secrets = 0;
    long all = 0;
    Matcher line = REQUESTS.matcher(metrics == null ? "" : metrics);
    while (line.find()) {
      Matcher verb = VERB.matcher(line.group(1));
      if (!verb.find() || !WRITES.contains(verb.group(1))) {
        continue;
      }
      long value = (long) Double.parseDouble(line.group(2));
      all += value;
      Matcher resource = RESOURCE.matcher(line.group(1));
      if (resource.find() && resource.group(1).equals("secrets")) {
        secrets += value;
      }
    }
    return new Count(secrets, all);
  }
}
