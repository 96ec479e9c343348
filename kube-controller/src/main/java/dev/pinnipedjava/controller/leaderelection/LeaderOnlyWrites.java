package dev.pinnipedjava.controller.leaderelection;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Refuses every request that may change something (all but GET and HEAD) while this replica does
 * not lead. Reads, watches and upgraded connections such as pods/exec (a GET) pass.
 */
final class LeaderOnlyWrites implements Interceptor {
  private static final Set<String> READS = Set.of("GET", "HEAD");

  private final BooleanSupplier isLeader;

  LeaderOnlyWrites(BooleanSupplier isLeader) {
    this.isLeader = isLeader;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    String method = request.method().toUpperCase(Locale.ROOT);
    if (!READS.contains(method) && !isLeader.getAsBoolean()) {
      throw new NotLeaderException(method, request.uri().getPath());
    }
  }
}
