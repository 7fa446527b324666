package org.classify4j.server;

import io.javalin.http.Handler;

/**
 * One route of the service: method, path template (OpenAPI's {@code {name}} syntax, which Javalin
 * shares), whether it is open without a token, whether it counts against the in-flight limit,
 * and its handler. The server registers exactly these, and the OpenAPI document describes exactly
 * these (a test checks both ways).
 */
public record Route(String method, String path, boolean open, boolean limited, Handler handler) {}
