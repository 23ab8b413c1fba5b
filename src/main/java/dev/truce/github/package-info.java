/** GitHub access for the App: authentication as the App and its installations, and the REST calls Truce makes. */
package dev.truce.github;
