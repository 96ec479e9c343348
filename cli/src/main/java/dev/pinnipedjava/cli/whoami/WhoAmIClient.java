package dev.pinnipedjava.cli.whoami;

import dev.pinnipedjava.cli.kubeclient.KubeApiClient;
import dev.pinnipedjava.cli.kubeclient.KubeApiException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Asks the Concierge's identity API who the caller is. */
public final class WhoAmIClient {

  private final KubeApiClient api;
  private final String identityGroup;

  /**
   * @param identityGroup {@code identity.concierge.<suffix>}
   */
  public WhoAmIClient(KubeApiClient api, String identityGroup) {
    this.api = api;
    this.identityGroup = identityGroup;
  }

  public String apiVersion() {
    return identityGroup + "/v1alpha1";
  }

  /**
   * Creates a WhoAmIRequest.
   *
   * @param timeout for the request, or null for none
   */
  public WhoAmIRequest whoAmI(@Nullable Duration timeout) throws KubeApiException {
    return api.create(
        "/apis/" + identityGroup + "/v1alpha1/whoamirequests",
        WhoAmIRequest.create(apiVersion()),
        WhoAmIRequest.class,
        timeout);
  }
}
