/**
 * The engine: {@link io.switchboard.engine.Switchboard} runs every request, from the gateway or from Java
 * code, through one policy chain assembled in {@link io.switchboard.engine.EngineChain}. Sub-packages:
 * {@code config} (YAML and environment configuration), {@code routing} (model names and route aliases to
 * targets, ordered fallback), {@code transport} (pooled Vert.x HTTP client, pass-through and translation).
 */
package io.switchboard.engine;
