package dev.pinnipedjava.supervisor.token;

import java.time.Duration;

/** Pinniped's lifetimes of what the Supervisor issues; none is configurable. */
public final class TokenLifetimes {
  /** An authorization code is usable this long. */
  public static final Duration AUTHORIZATION_CODE = Duration.ofMinutes(10);

  /** An access token. */
  public static final Duration ACCESS_TOKEN = Duration.ofMinutes(2);

  /** An ID token, from any grant. */
  public static final Duration ID_TOKEN = Duration.ofMinutes(2);

  /** A login's refresh tokens work this long after the first token request. */
  public static final Duration REFRESH_TOKEN = Duration.ofHours(9);

  /** A browser login must come back to the callback within this time (the state's age). */
  public static final Duration UPSTREAM_STATE = Duration.ofMinutes(90);

  /** The CSRF cookie. */
  public static final Duration CSRF_COOKIE = Duration.ofDays(7);

  private TokenLifetimes() {}
}
