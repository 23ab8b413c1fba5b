/** From a pull request to a fix: fetch, merge, resolve, publish. The GitHub App's pipeline, behind {@link dev.truce.pullrequest.PullRequestWork}. */
package dev.truce.pullrequest;
