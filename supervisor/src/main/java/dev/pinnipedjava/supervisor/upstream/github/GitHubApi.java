package dev.pinnipedjava.supervisor.upstream.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinnipedjava.supervisor.upstream.UpstreamException;
import dev.pinnipedjava.supervisor.upstream.UpstreamTlsTrust;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few GitHub calls a login needs: the OAuth code exchange, and the user, their organizations
 * and their teams (every page) read with the user's access token. Sends the token only to this
 * GitHub's API.
 */
final class GitHubApi {
  /** As Pinniped's upstream HTTP clients. */
  static final Duration TIMEOUT = Duration.ofMinutes(1);

  /** GitHub's largest page; fewer pages, fewer requests. */
  private static final int PER_PAGE = 100;

  /** A user in more teams than this is refused rather than read forever. */
  private static final int MAX_PAGES = 50;

  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GitHubHost host;
  private final HttpClient http;

  GitHubApi(GitHubHost host, UpstreamTlsTrust trust) {
    this.host = host;
    this.http =
        HttpClient.newBuilder()
            .sslContext(trust.sslContext())
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** GitHub refused the code or the access token: the user's problem, not the provider's. */
  static final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;

    RefusedException(String reason) {
      super(reason);
      this.reason = reason;
    }

    /** Why, safe to show the user. */
    String reason() {
      return reason;
    }
  }

  /** A GitHub user: the login users may change, and the id they cannot. */
  record User(String login, String id) {
    @Override
    public String toString() {
      return "User[id=" + id + "]";
    }
  }

  /** A team, with the login of its organization. */
  record Team(String organization, String name, String slug) {}

  /**
   * Exchanges an authorization code for an access token.
   *
   * @throws RefusedException when GitHub refuses the code (unknown, expired, used)
   * @throws UpstreamException when GitHub cannot be asked or refuses this client
   */
  String exchange(ClientCredentials client, String code, URI redirectUri) throws RefusedException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("client_id", client.clientId());
    form.put("client_secret", client.clientSecret());
    form.put("code", code);
    form.put("redirect_uri", redirectUri.toString());
    HttpRequest request =
        HttpRequest.newBuilder(host.tokenEndpoint())
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(formEncoded(form)))
            .build();
    HttpResponse<String> response = send(request, "the code exchange");
    if (response.statusCode() != 200) {
      throw new UpstreamException(
          "the code exchange answered HTTP " + response.statusCode() + " (want 200)");
    }
    JsonNode body = parse(response.body(), "the code exchange");
    // GitHub answers errors of the code exchange with 200 and an "error" member.
    String error = body.path("error").asText("");
    if ("bad_verification_code".equals(error)) {
      throw new RefusedException("GitHub did not accept the authorization code");
    }
    if (!error.isEmpty()) {
      throw new UpstreamException("the code exchange failed with error " + quoted(error));
    }
    String token = body.path("access_token").asText("");
    if (token.isEmpty()) {
      throw new UpstreamException("the code exchange answered without an access_token");
    }
    return token;
  }

  /**
   * The user the token belongs to.
   *
   * @throws RefusedException when GitHub refuses the token (revoked, expired)
   */
  User user(String token) throws RefusedException {
    JsonNode user = get(URI.create(host.api() + "/user"), token, "reading the user");
    String login = user.path("login").asText("");
    JsonNode id = user.path("id");
    if (login.isEmpty() || !id.canConvertToLong()) {
      throw new UpstreamException("the user answered without login or numeric id");
    }
    return new User(login, Long.toString(id.asLong()));
  }

  /** The logins of the user's organizations, every page. */
  List<String> organizations(String token) throws RefusedException {
    return pages(
        "/user/orgs",
        token,
        "reading the user's organizations",
        organization -> textOf(organization, "login"));
  }

  /** The user's teams, every page. */
  List<Team> teams(String token) throws RefusedException {
    return pages(
        "/user/teams",
        token,
        "reading the user's teams",
        team ->
            new Team(
                textOf(team.path("organization"), "login"),
                textOf(team, "name"),
                textOf(team, "slug")));
  }

  private <T> List<T> pages(String path, String token, String what, Function<JsonNode, T> read)
      throws RefusedException {
    List<T> all = new ArrayList<>();
    Optional<URI> next = Optional.of(URI.create(host.api() + path + "?per_page=" + PER_PAGE));
    for (int page = 0; next.isPresent(); page++) {
      if (page == MAX_PAGES) {
        throw new UpstreamException(what + " took more than " + MAX_PAGES + " pages");
      }
      HttpResponse<String> response = getResponse(next.get(), token, what);
      JsonNode items = parse(response.body(), what);
      if (!items.isArray()) {
        throw new UpstreamException(what + " answered with something else than a list");
      }
      for (JsonNode item : items) {
        all.add(read.apply(item));
      }
      next = nextPage(response);
    }
    return all;
  }

  /** The {@code rel="next"} link, if it stays on this GitHub's API: the token goes there. */
  private Optional<URI> nextPage(HttpResponse<String> response) {
    for (String link : response.headers().allValues("Link")) {
      Matcher matcher = NEXT_LINK.matcher(link);
      if (matcher.find()) {
        URI next = URI.create(matcher.group(1));
        if (!next.toString().startsWith(host.api() + "/")) {
          throw new UpstreamException("a next page link leaves the GitHub API");
        }
        return Optional.of(next);
      }
    }
    return Optional.empty();
  }

  private JsonNode get(URI uri, String token, String what) throws RefusedException {
    return parse(getResponse(uri, token, what).body(), what);
  }

  private HttpResponse<String> getResponse(URI uri, String token, String what)
      throws RefusedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    HttpResponse<String> response = send(request, what);
    if (response.statusCode() == 401) {
      throw new RefusedException("GitHub refused the access token " + what);
    }
    if (response.statusCode() != 200) {
      throw new UpstreamException(what + " answered HTTP " + response.statusCode() + " (want 200)");
    }
    return response;
  }

  private HttpResponse<String> send(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UpstreamException(what + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamException(what + " was interrupted", e);
    }
  }

  static String formEncoded(Map<String, String> parameters) {
    StringJoiner out = new StringJoiner("&");
    parameters.forEach(
        (name, value) ->
            out.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return out.toString();
  }

  private static JsonNode parse(String body, String what) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UpstreamException(what + " answered with invalid JSON", e);
    }
  }

  private static String textOf(JsonNode node, String field) {
    String value = node.path(field).asText("");
    if (value.isEmpty()) {
      throw new UpstreamException("a GitHub answer lacks \"" + field + "\"");
    }
    return value;
  }

  private static String quoted(String upstreamText) {
    String clean = upstreamText.replaceAll("[^A-Za-z0-9_.-]", "?");
    return "\"" + (clean.length() > 64 ? clean.substring(0, 64) : clean) + "\"";
  }
}
