package dev.pinnipedjava.concierge.authenticator;

import dev.pinnipedjava.concierge.authenticator.StatusConditions.Computed;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of validating one authenticator object.
 *
 * @param conditions every condition except Ready
 * @param authenticator the authenticator to publish: new, the cached one when nothing that matters
 *     changed, or null when the spec is not usable
 * @param retry whether a failure may be transient (network), so the spec should be checked again
 * @param <A> the kind of token authenticator
 */
public record AuthenticatorValidation<A extends TokenAuthenticator>(
    List<Computed> conditions, @Nullable A authenticator, boolean retry) {
  public AuthenticatorValidation {
    conditions = List.copyOf(conditions);
  }
}
