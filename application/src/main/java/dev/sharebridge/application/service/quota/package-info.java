/**
 * Quotas and limits: the used bytes of each space against its quota, what a link received
 * against its limits, and the largest file (docs/architecture.md, "Quotas").
 */
package dev.sharebridge.application.service.quota;
