import { AppError } from "@market/kit";

/**
 * A listing's life: vendors draft and submit, admins approve or reject, and only an active
 * listing is for sale. Editing a live listing sends it back to review; archived is final.
 */
export const productStatuses = ["draft", "pending_review", "active", "rejected", "archived"] as const;
export type ProductStatus = (typeof productStatuses)[number];

export type ProductAction = "edit" | "submit" | "approve" | "reject" | "archive";

const rules: Record<ProductAction, { from: readonly ProductStatus[]; needsReason: boolean }> = {
  edit: { from: ["draft", "rejected", "active"], needsReason: false },
  submit: { from: ["draft"], needsReason: false },
  approve: { from: ["pending_review"], needsReason: false },
  reject: { from: ["pending_review"], needsReason: true },
  archive: { from: ["draft", "pending_review", "active", "rejected"], needsReason: false },
};

const target = (action: ProductAction, from: ProductStatus): ProductStatus => {
  switch (action) {
    case "edit":
      // A live listing changed by its vendor is checked again before customers see it.
      return from === "active" ? "pending_review" : "draft";
    case "submit":
      return "pending_review";
    case "approve":
      return "active";
    case "reject":
      return "rejected";
    case "archive":
      return "archived";
  }
};

export interface ProductTransition {
  action: ProductAction;
  from: ProductStatus;
  to: ProductStatus;
  reason: string | undefined;
}

/** The one way a listing's status changes; an illegal step is a conflict, never a silent no-op. */
export function productTransition(from: ProductStatus, action: ProductAction, reason?: string): ProductTransition {
  const rule = rules[action];
  if (!rule.from.includes(from)) {
    throw new AppError("conflict", `A ${from} product cannot take the step '${action}'; it must be ${rule.from.join(" or ")}.`);
  }
  const trimmed = reason?.trim();
  if (rule.needsReason && !trimmed) {
    throw new AppError("validation_failed", `Say why the product is ${action}ed.`, { errors: [{ field: "reason", reason: "is required" }] });
  }
  return { action, from, to: target(action, from), reason: rule.needsReason ? trimmed : undefined };
}

/** Customers and anonymous callers see active listings only. */
export const isPublic = (status: ProductStatus) => status === "active";
