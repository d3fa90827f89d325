/**
 * Immutable, validated configuration: {@link io.switchboard.engine.config.GatewayConfig} from a YAML file
 * (errors name the line), from the providers' SDK environment variables, or for a local simulator.
 * Secrets are {@link io.switchboard.engine.config.Secret}s and never print.
 */
package io.switchboard.engine.config;
