package dev.pinnipedjava.supervisor.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.supervisor.audit.AuditLog;
import dev.pinnipedjava.supervisor.keys.KeyCache;
import dev.pinnipedjava.supervisor.login.LoginCompleter;
import dev.pinnipedjava.supervisor.oauth.AuthorizeRequestParser;
import dev.pinnipedjava.supervisor.oauth.ClientRegistry;
import dev.pinnipedjava.supervisor.oauth.OAuthResponses;
import dev.pinnipedjava.supervisor.oauth.state.CsrfCookie;
import dev.pinnipedjava.supervisor.oauth.state.LoginRandomness;
import dev.pinnipedjava.supervisor.oauth.state.UpstreamStateCodec;
import dev.pinnipedjava.supervisor.storage.SessionStorage;
import dev.pinnipedjava.supervisor.token.IdTokens;
import dev.pinnipedjava.supervisor.token.OpaqueTokens;
import dev.pinnipedjava.supervisor.upstream.UpstreamRegistry;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * What the OAuth endpoints of every issuer share: the published snapshots they read (keys, upstream
 * providers), storage, and the protocol machinery. Thread-safe parts only.
 */
public record EndpointServices(
    KeyCache keys,
    UpstreamRegistry upstreams,
    SessionStorage storage,
    ClientRegistry clients,
    AuthorizeRequestParser authorizeRequests,
    OAuthResponses responses,
    UpstreamStateCodec states,
    CsrfCookie csrfCookie,
    LoginRandomness randomness,
    LoginCompleter logins,
    OpaqueTokens tokens,
    IdTokens idTokens,
    AuditLog audit,
    Clock clock) {
  /** The services of a Supervisor with these parts, and only {@code pinniped-cli} as client. */
  public static EndpointServices create(
      KeyCache keys,
      UpstreamRegistry upstreams,
      SessionStorage storage,
      AuditLog audit,
      Clock clock,
      SecureRandom random,
      ObjectMapper json) {
    return create(
        keys, upstreams, storage, audit, clock, random, json, ClientRegistry.pinnipedCliOnly());
  }

  /** The services of a Supervisor with these parts and clients. */
  public static EndpointServices create(
      KeyCache keys,
      UpstreamRegistry upstreams,
      SessionStorage storage,
      AuditLog audit,
      Clock clock,
      SecureRandom random,
      ObjectMapper json,
      ClientRegistry clients) {
    LoginRandomness randomness = new LoginRandomness(random);
    OpaqueTokens tokens = new OpaqueTokens(random);
    return new EndpointServices(
        keys,
        upstreams,
        storage,
        clients,
        new AuthorizeRequestParser(clients),
        new OAuthResponses(json),
        new UpstreamStateCodec(clock),
        new CsrfCookie(clock),
        randomness,
        new LoginCompleter(storage, tokens, randomness, audit, clock),
        tokens,
        new IdTokens(clock, random),
        audit,
        clock);
  }
}
