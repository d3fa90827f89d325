/**
 * Wire conventions shared by several formats (id prefixes, image URLs, text parts) and the base the format
 * classes are composed on; not an API for other modules.
 */
package io.switchboard.providers.wire;
