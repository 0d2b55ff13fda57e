/** What the router prints about addresses, with the credentials taken out. Pure: no frameworks, no I/O. */
package io.perfsuite.router.redaction;
