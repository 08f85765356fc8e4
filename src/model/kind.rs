//! The record kinds of §2.1: names, nested keys, id fields, id prefixes and folders.

/// The shared prefix of the full kind names.
pub const KIND_PREFIX: &str = "go-backend-rollback-drill-acknowledgement-audit-delivery-";

/// Every kind cavra reads. The order is the order of the spec's table; it is also the order
/// used in outputs that list kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Execution,
    Playbook,
    Closure,
    Report,
    EscalationPlan,
    Acknowledgement,
    RetryPlan,
    ExecutiveReport,
    ScheduleRun,
    Delivery,
}

/// Static facts about one kind.
#[derive(Debug)]
pub struct KindInfo {
    pub kind: Kind,
    /// The suffix after [`KIND_PREFIX`] (the whole name for deliveries).
    pub suffix: &'static str,
    /// The full `metadata_kind`.
    pub full: &'static str,
    /// Key of the nested document in a stored item ("" for deliveries).
    pub nested_key: &'static str,
    pub id_field: &'static str,
    /// Prefix of derived ids ("" for deliveries).
    pub id_prefix: &'static str,
    /// Folder under the evidence root where cavra writes this kind.
    pub folder: &'static str,
    /// Short name used in messages, metrics and `check` output.
    pub label: &'static str,
}

macro_rules! kind {
    ($kind:ident, $suffix:literal, $nested:literal, $id:literal, $prefix:literal, $folder:literal, $label:literal) => {
        KindInfo {
            kind: Kind::$kind,
            suffix: $suffix,
            full: concat!(
                "go-backend-rollback-drill-acknowledgement-audit-delivery-",
                $suffix
            ),
            nested_key: $nested,
            id_field: $id,
            id_prefix: $prefix,
            folder: $folder,
            label: $label,
        }
    };
}

pub const KINDS: [KindInfo; 10] = [
    kind!(
        Execution,
        "retry-execution-record",
        "retry_execution_record",
        "execution_id",
        "gordackretryexec-",
        "executions",
        "execution"
    ),
    kind!(
        Playbook,
        "connector-recovery-playbook",
        "connector_recovery_playbook",
        "playbook_id",
        "gordackrecovery-",
        "playbooks",
        "playbook"
    ),
    kind!(
        Closure,
        "connector-recovery-closure",
        "connector_recovery_closure",
        "closure_id",
        "gordackrecoveryclosure-",
        "closures",
        "closure"
    ),
    kind!(
        Report,
        "retry-recovery-report",
        "retry_recovery_report",
        "report_id",
        "gordackretryreport-",
        "reports",
        "report"
    ),
    kind!(
        EscalationPlan,
        "recovery-escalation-plan",
        "recovery_escalation_plan",
        "plan_id",
        "gordackrecoveryesc-",
        "escalation-plans",
        "escalation_plan"
    ),
    kind!(
        Acknowledgement,
        "recovery-escalation-ack",
        "recovery_escalation_acknowledgement",
        "acknowledgement_id",
        "gordackrecoveryescack-",
        "acknowledgements",
        "acknowledgement"
    ),
    kind!(
        RetryPlan,
        "recovery-escalation-delivery-retry-plan",
        "recovery_escalation_delivery_retry_plan",
        "retry_plan_id",
        "gordackrecoveryescretry-",
        "retry-plans",
        "retry_plan"
    ),
    kind!(
        ExecutiveReport,
        "recovery-executive-report",
        "recovery_executive_report",
        "executive_report_id",
        "gordackexecreport-",
        "executive-reports",
        "executive_report"
    ),
    kind!(
        ScheduleRun,
        "recovery-executive-report-schedule-run",
        "recovery_executive_report_schedule_run",
        "run_id",
        "gordackexecsched-",
        "schedule-runs",
        "schedule_run"
    ),
    KindInfo {
        kind: Kind::Delivery,
        suffix: "release-connector-delivery",
        full: "release-connector-delivery",
        nested_key: "",
        id_field: "session_id",
        id_prefix: "",
        folder: "deliveries",
        label: "delivery",
    },
];

/// `connector_delivery_source` of an escalation delivery (§2.1).
pub const ESCALATION_DELIVERY_SOURCE: &str =
    "go_backend_rollback_drill_acknowledgement_audit_recovery_escalation";

impl Kind {
    pub fn info(self) -> &'static KindInfo {
        &KINDS[self as usize]
    }

    pub fn index(self) -> u8 {
        self as u8
    }

    /// The kind named by a `metadata_kind`: the full name or the bare suffix, matched exactly.
    pub fn from_metadata_kind(name: &str) -> Option<Kind> {
        if name == "release-connector-delivery" {
            return Some(Kind::Delivery);
        }
        let suffix = name.strip_prefix(KIND_PREFIX).unwrap_or(name);
        KINDS[..9]
            .iter()
            .find(|k| k.suffix == suffix)
            .map(|k| k.kind)
    }

    /// `schema_version` of a document cavra builds of this kind (§2.5).
    pub fn schema_version(self) -> String {
        format!(
            "cavra.go-backend-pilot.rollback-drill-acknowledgement-audit-delivery-{}.v1",
            self.info().suffix
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        for (i, k) in KINDS.iter().enumerate() {
            assert_eq!(k.kind as usize, i);
            assert_eq!(Kind::from_metadata_kind(k.full), Some(k.kind));
            assert_eq!(Kind::from_metadata_kind(k.suffix), Some(k.kind));
        }
        assert_eq!(Kind::from_metadata_kind("Retry-Execution-Record"), None);
        assert_eq!(Kind::from_metadata_kind(KIND_PREFIX), None);
        assert_eq!(
            Kind::from_metadata_kind(&format!("{KIND_PREFIX}retry-plan")),
            None,
            "the original's audit retry plan is another kind"
        );
    }
}
