package dev.pinnipedjava.concierge.authenticator;

import org.jspecify.annotations.Nullable;

/**
 * Checks one kind of authenticator spec step by step and builds its token authenticator.
 *
 * @param <S> the spec type
 * @param <A> the token authenticator it builds
 */
public interface AuthenticatorValidator<S, A extends TokenAuthenticator> {
  /**
   * Validates {@code spec}. When {@code cached} was built from an equivalent spec it may be
   * returned as is, without probing the network again.
   */
  AuthenticatorValidation<A> validate(@Nullable S spec, @Nullable A cached);
}
