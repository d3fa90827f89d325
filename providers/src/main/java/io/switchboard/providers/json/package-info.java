/** Jackson plumbing shared by the codecs of this module; not an API for other modules. */
package io.switchboard.providers.json;
