package dev.pinnipedjava.e2e.stack;

import java.util.List;

/**
 * A FederationDomain served at {@code https://127.0.0.1:<supervisor port>/<name>}, offering the
 * named upstream providers, and one JWTAuthenticator per audience trusting it.
 *
 * @param name the FederationDomain's name and its issuer's path
 * @param providers names of {@link UpstreamProvider}s
 * @param audiences each becomes a JWTAuthenticator named {@code <name>-<audience>}
 */
public record IssuerSpec(String name, List<String> providers, List<String> audiences) {
  public IssuerSpec {
    providers = List.copyOf(providers);
    audiences = List.copyOf(audiences);
  }

  /** The JWTAuthenticator of {@code audience}. */
  public String authenticatorName(String audience) {
    return name + "-" + audience;
  }
}
