package dev.pinnipedjava.concierge.whoami;

import dev.pinnipedjava.aggregatedapi.apiresource.ApiResource;
import dev.pinnipedjava.aggregatedapi.apiserver.ApiError;
import dev.pinnipedjava.aggregatedapi.apiserver.CreateContext;
import dev.pinnipedjava.aggregatedapi.apiserver.CreateHandler;
import dev.pinnipedjava.aggregatedapi.apiserver.CreateOutcome;
import dev.pinnipedjava.aggregatedapi.user.KubernetesUser;
import dev.pinnipedjava.api.concierge.identity.v1alpha1.KubernetesUserInfo;
import dev.pinnipedjava.api.concierge.identity.v1alpha1.UserInfo;
import dev.pinnipedjava.api.concierge.identity.v1alpha1.WhoAmIRequest;
import dev.pinnipedjava.api.concierge.identity.v1alpha1.WhoAmIRequestStatus;

/** Creates WhoAmIRequests: the answer is the caller, as the request was authenticated. */
public final class WhoAmIRequestHandler implements CreateHandler<WhoAmIRequest> {
  private final ApiResource resource;

  public WhoAmIRequestHandler(ApiResource resource) {
    this.resource = resource;
  }

  @Override
  public ApiResource resource() {
    return resource;
  }

  @Override
  public Class<WhoAmIRequest> objectType() {
    return WhoAmIRequest.class;
  }

  @Override
  public CreateOutcome create(WhoAmIRequest request, CreateContext context) {
    if (!context.dryRunCauses().isEmpty()) {
      String name = request.getMetadata().getName();
      return new CreateOutcome.Failed(
          ApiError.invalid(resource, name == null ? "" : name, context.dryRunCauses()));
    }
    KubernetesUser caller = context.caller();
    WhoAmIRequest response = new WhoAmIRequest();
    response.setApiVersion(resource.groupVersion().apiVersion());
    response.setKind(resource.kind());
    response.setStatus(
        new WhoAmIRequestStatus(
            new KubernetesUserInfo(
                new UserInfo(
                    caller.name(),
                    caller.uid().isEmpty() ? null : caller.uid(),
                    caller.groups(),
                    caller.extra()),
                null)));
    return new CreateOutcome.Created(response);
  }
}
