package dev.pinnipedjava.testkit.dex;

import java.net.URI;
import java.util.List;

/** A static OAuth client of Dex: its ID, secret and the redirect URIs it may use. */
public record DexClient(String id, String secret, List<URI> redirectUris) {
  public DexClient {
    redirectUris = List.copyOf(redirectUris);
  }

  @Override
  public String toString() {
    return "DexClient[id=" + id + ", redirectUris=" + redirectUris + ", secret=(redacted)]";
  }
}
