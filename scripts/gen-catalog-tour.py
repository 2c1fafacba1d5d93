#!/usr/bin/env python3
"""Writes flows/catalog-tour.json: one flow that uses every block of the catalog.

The tour is a single chain: every port of every action (done, true/false,
success/failure) leads to the next action, so a run passes through every
block whatever each one answers, and every magic string reads an action that
is upstream on every path (no `may-be-undefined` warning).

Sections start a new row of the grid; long sections wrap every COLS actions.

Usage: python3 scripts/gen-catalog-tour.py   (from the repository root)
Then check: cargo run -q -p ctiflow-cli -- validate flows/catalog-tour.json
"""

import json
import pathlib
import subprocess

COLS = 8
DX, DY = 260, 180


def r(action, path="value"):
    """Magic string reading an earlier action's results."""
    return f"$.actions.{action}.results" + (f".{path}" if path else "")


E164 = r("e164")
NATIONAL = r("national")
CASE_NO = r("case-number")
SF_CONTACT = r("sf-contact-id", "sfContactId")

# (section title, [(id, type, title, controls), ...]) in run order.
SECTIONS = [
    ("Start and the contact", [
        ("start", "SE_Start", "Incoming call", {}),
        ("contact", "SE_ContactProperties", "Contact properties", {}),
        ("customer-phone", "SE_ContactCustomerPhoneNumber", "Customer phone", {}),
        ("national", "SE_CoreFormatPhoneNumber", "Format (national)", {
            "phoneNumber": r("customer-phone", "phone"),
            "countryCode": r("customer-phone", "country"),
        }),
        ("e164", "SE_CoreFormatPhoneNumberE164", "Format (E.164)", {
            "phoneNumber": NATIONAL,
            "countryCode": r("customer-phone", "country"),
        }),
        ("is-voice", "SE_ContactIsVoice", "Voice?", {}),
        ("is-chat", "SE_ContactIsChat", "Chat?", {}),
        ("is-task", "SE_ContactIsTask", "Task?", {}),
        ("is-callback", "SE_ContactIsCallback", "Callback?", {}),
        ("is-inbound", "SE_ContactIsInbound", "Inbound?", {}),
        ("is-transfer", "SE_ContactIsTransfer", "Transfer?", {}),
        ("timing", "SE_ContactInteractionMetadata", "Ring and talk time", {}),
        ("case-number", "SE_ContactGetAttributeValue", "Get caseNumber", {
            "attributeName": "caseNumber",
            "defaultValue": "",
        }),
    ]),
    ("Logic and text", [
        ("has-case", "SE_CoreTruthy", "Has a case number?", {
            "value": CASE_NO,
        }),
        ("case-not-empty", "SE_CoreIfElse", "Case number not empty?", {
            "leftValue": CASE_NO,
            "operator": "isNotEmpty",
            "rightValue": "",
        }),
        ("support-queue", "SE_CoreIsOneOf", "Support queue?", {
            "value": r("contact", "queueName"),
            "candidates": "BasicQueue,SupportQueue",
        }),
        ("north-america", "SE_CoreStartsWith", "North American number?", {
            "text": E164,
            "values": ["+1", "+52"],
        }),
        ("example-email", "SE_CoreEndsWith", "Customer email at example.com?", {
            "text": "$.contact.attributes.customerEmail.value",
            "values": "@example.com,@example.org",
        }),
        ("payload", "SE_GetPayload", "Event payload", {"key": ""}),
        ("language", "SE_CoreExtractValue", "Extract language", {
            "targetField": r("contact", "attributes"),
            "keyPath": "language.value",
        }),
        ("case-length", "SE_CoreLength", "Case number length", {
            "value": CASE_NO,
        }),
        ("last-four", "SE_CoreSlice", "Last four digits", {
            "value": E164,
            "start": -4,
        }),
        ("case-label", "SE_CoreJoinStrings", "Case label", {
            "value1": "Case",
            "value2": CASE_NO,
            "separator": " #",
        }),
        ("digits", "SE_CoreReplaceString", "Digits only", {
            "input": NATIONAL,
            "searchValue": "/\\D/g",
            "replaceValue": "",
        }),
        ("greeting", "SE_CoreStringTemplate", "Agent greeting", {
            "template": "Call from {{phone}} ({{lang}}) about {{case}}",
            "variables": {
                "phone": NATIONAL,
                "lang": r("language"),
                "case": r("case-label"),
            },
        }),
        ("case-as-number", "SE_CoreCast", "Case number as a number", {
            "value": CASE_NO,
            "type": "Number",
        }),
        ("ring-ms", "SE_CoreMultiply", "Ring time in ms", {
            "a": r("timing", "callIncomingDuration"),
            "b": 1000,
        }),
        ("state-seconds", "SE_CoreDivide", "State duration in s", {
            "a": "$.contact.statusDuration",
            "b": 1000,
        }),
        ("queued-at", "SE_CoreFormatDate", "Queued at (Eastern)", {
            "date": "$.contact.queueTimestamp",
            "format": "YYYY-MM-DD HH:mm",
            "utcOffset": "-05:00",
        }),
        ("log-greeting", "SE_Log", "Log greeting", {
            "level": "info",
            "message": r("greeting"),
        }),
        ("pause", "SE_CoreDelay", "Wait half a second", {"milliseconds": 500}),
    ]),
    ("Property store", [
        ("remember-caller", "SE_SetProperty", "Remember caller", {
            "key": "lastCaller",
            "value": E164,
        }),
        ("recall-caller", "SE_GetProperty", "Recall caller", {
            "key": "lastCaller",
            "defaultValue": "",
        }),
        ("count-call", "SE_UpdateCounter", "Count the call", {
            "key": "callsToday",
            "delta": 1,
        }),
        ("calls-today", "SE_GetCounter", "Calls today", {"key": "callsToday"}),
        ("all-properties", "SE_GetAllProperties", "All properties", {}),
        ("forget-caller", "SE_UnsetProperty", "Forget caller", {"key": "lastCaller"}),
        ("clear-properties", "SE_ClearAllProperties", "Clear the store", {}),
    ]),
    ("Contact actions", [
        ("tag-contact", "SE_ContactUpdateAttributes", "Tag the contact", {
            "attributes": {
                "callerE164": E164,
                "queuedAt": r("queued-at"),
                "callsToday": r("calls-today"),
            },
        }),
        ("start-recording", "SE_ContactStartRecording", "Start recording", {"track": "ALL"}),
        ("stop-recording", "SE_ContactStopRecording", "Stop recording", {}),
    ]),
    ("Agent", [
        ("agent-name", "SE_AgentGetName", "Agent name", {}),
        ("extension", "SE_AgentGetExtension", "Extension", {}),
        ("deskphone", "SE_AgentGetDeskphoneNumber", "Deskphone number", {}),
        ("softphone", "SE_AgentIsSoftphoneEnabled", "Softphone on?", {}),
        ("configuration", "SE_AgentGetConfiguration", "Configuration", {}),
        ("dialable", "SE_AgentGetDialableCountries", "Dialable countries", {}),
        ("agent-state", "SE_AgentGetState", "Agent state", {}),
        ("available-states", "SE_AgentGetAvailableStates", "Available states", {}),
        ("can-dial", "SE_AgentCanMakeOutboundCalls", "Can dial out?", {}),
        ("caller-endpoint", "SE_AgentGetEndpointByPhoneNumber", "Caller endpoint", {
            "phoneNumber": E164,
            "name": NATIONAL,
        }),
        ("quick-connects", "SE_AgentGetQuickConnectionList", "Quick connects", {}),
        ("transfer-targets", "SE_AgentGetTransferConnectionList", "Transfer targets", {}),
        ("ccp-logs", "SE_AgentGetCcpLogs", "CCP logs", {}),
        ("mute", "SE_AgentMute", "Mute", {}),
        ("unmute", "SE_AgentUnmute", "Unmute", {}),
        ("go-lunch", "SE_AgentSetState", "Set state: Lunch", {
            "state": r("available-states", "value[2]"),
        }),
        ("go-available-by-name", "SE_AgentSetStateByName", "Set state: Available", {
            "stateName": r("agent-state", "name"),
        }),
        ("go-available", "SE_AgentSetAvailable", "Set Available", {}),
        ("to-deskphone", "SE_AgentChangeToDeskphone", "Use deskphone", {
            "phoneNumber": r("deskphone"),
        }),
        ("to-softphone", "SE_AgentChangeToSoftphone", "Back to softphone", {}),
        ("dial", "SE_AgentDialNumber", "Dial the caller back", {
            "phoneNumber": E164,
            "queueARN": "$.agent.routingProfile.defaultOutboundQueue.queueARN",
        }),
        ("follow-up-task", "SE_AgentCreateTaskContact", "Create follow-up task", {
            "name": r("case-label"),
            "description": r("greeting"),
            "quickConnectName": "BasicQueue",
            "references": {"Recording": "https://example.com/recordings/latest"},
            "linkToCurrentContact": True,
        }),
    ]),
    ("Salesforce data", [
        ("sf-contact-id", "SE_SFGetContactId", "Find Contact by phone", {
            "formattedPhoneNumber": E164,
            "fieldName": "Phone",
        }),
        ("sf-lead-id", "SE_SFGetLeadId", "Find Lead by phone", {
            "formattedPhoneNumber": E164,
        }),
        ("do-not-call", "SE_SFIsContactDoNotCall", "Do not call?", {
            "contactId": SF_CONTACT,
        }),
        ("contact-record", "SE_SFRetrieve", "Read the Contact", {
            "type": "Contact",
            "id": SF_CONTACT,
            "fields": "Name,AccountId,Email",
        }),
        ("case-soql", "SE_CoreStringTemplate", "Case query text", {
            "template": "SELECT Id, Subject FROM Case WHERE CaseNumber = '{{n}}'",
            "variables": {"n": CASE_NO},
        }),
        ("case-query", "SE_SFQueryValue", "Query the case", {
            "query": r("case-soql"),
        }),
        ("case-soql-classic", "SE_SFSoqlQuery", "Query the case (Classic)", {
            "soql": r("case-soql"),
        }),
        ("apex", "SE_SFRunApex", "Apex: open cases", {
            "apexClass": "CtiCaseService",
            "methodName": "openCasesFor",
            "methodParams": {"phone": E164, "caseNumber": CASE_NO},
        }),
        ("save-case", "SE_SFSaveLog", "Create a Case", {
            "recordId": "",
            "entityType": "Case",
            "fieldValues": {"Subject": r("greeting"), "Origin": "Phone"},
        }),
        ("activity-date", "SE_CoreFormatDate", "Today (Salesforce date)", {
            "date": "",
            "format": "YYYY-MM-DD",
            "utcOffset": "-05:00",
        }),
        ("call-task", "SE_SFCreateTask", "Log the call as a Task", {
            "CallObject": r("contact", "contactId"),
            "Type": "Call",
            "Status": "Completed",
            "Priority": "Normal",
            "IsClosed": True,
            "TaskSubtype": "Call",
            "WhoId": SF_CONTACT,
            "WhatId": r("save-case", "id"),
            "CallDisposition": "Resolved",
            "CallDurationInSeconds": r("timing", "callIncomingDuration"),
            "CallType": r("contact", "callType"),
            "ActivityDate": r("activity-date"),
            "subject1": "Call",
            "subject2": NATIONAL,
            "subject3": r("case-label"),
            "otherTaskFields": {"Description": r("greeting")},
        }),
        ("hvs-complete", "SE_SFCompleteHvsWorkWithTaskSaved", "Complete HVS work", {
            "workId": "0Bz5e000000AbCdCAK",
            "disposition": "Resolved",
            "taskId": r("call-task", "id"),
        }),
    ]),
    ("Salesforce UI", [
        ("app-view", "SE_SFGetAppViewInfo", "What the agent sees", {}),
        ("softphone-layout", "SE_SFGetSoftphoneLayout", "Softphone layout", {}),
        ("search-pop", "SE_SFSearchAndScreenpop", "Search and pop", {
            "searchParams": E164,
            "queryParams": "c__source=ctiflow",
            "defaultFieldValues": {"Phone": E164},
            "callType": r("contact", "callType"),
            "deferred": False,
        }),
        ("pop-contact", "SE_SFScreenpopObject", "Pop the Contact", {
            "recordId": SF_CONTACT,
            "noPopOnEmpty": True,
        }),
        ("pop-new-case", "SE_SFScreenpopNewRecord", "New Case form", {
            "entityName": "Case",
            "defaultFieldValues": {"Subject": r("greeting"), "Origin": "Phone"},
        }),
        ("pop-url", "SE_SFScreenpopUrl", "Pop the case list URL", {
            "url": "/lightning/o/Case/list?filterName=Recent",
        }),
        ("pop-case-home", "SE_SFScreenpopObjectHome", "Case home", {"scope": "Case"}),
        ("pop-list", "SE_SFScreenpopList", "My open cases", {
            "listViewId": "MyOpenCases",
            "scope": "Case",
        }),
        ("pop-search", "SE_SFScreenpopSearch", "Search the number", {
            "searchString": r("digits"),
        }),
        ("enable-c2d", "SE_SFEnableClickToDial", "Click-to-dial on", {}),
        ("disable-c2d", "SE_SFDisableClickToDial", "Click-to-dial off", {}),
        ("show-panel", "SE_SFShowSoftphonePanel", "Show softphone", {}),
        ("hide-panel", "SE_SFHideSoftphonePanel", "Hide softphone", {}),
        ("panel-height", "SE_SFSetSoftphonePanelHeight", "Panel height 600", {"heightPX": 600}),
        ("panel-width", "SE_SFSetSoftphonePanelWidth", "Panel width 400", {"widthPX": 400}),
        ("refresh", "SE_SFRefreshView", "Refresh the view", {}),
    ]),
    ("Salesforce console", [
        ("contact-url", "SE_CoreStringTemplate", "Contact URL", {
            "template": "/lightning/r/Contact/{{id}}/view",
            "variables": {"id": SF_CONTACT},
        }),
        ("primary-tab", "SE_SFOpenPrimaryTab", "Open the Contact tab", {
            "url": r("contact-url"),
            "active": True,
            "tabLabel": NATIONAL,
            "name": "caller",
        }),
        ("case-subtab", "SE_SFOpenSubtab", "Open the case subtab", {
            "primaryTabId": r("primary-tab", "id"),
            "url": "/lightning/o/Case/list",
            "active": False,
            "tabLabel": r("case-label"),
        }),
        ("focused-primary", "SE_SFGetFocusedPrimaryTabObjectId", "Focused tab record", {}),
        ("focused-subtab", "SE_SFGetFocusedSubtabObjectId", "Focused subtab record", {}),
        ("tab-ids", "SE_SFGetPrimaryTabIds", "Open tabs", {}),
        ("tab-map", "SE_SFGetTabObjectMap", "Tab → record", {}),
        ("case-tabs", "SE_SFGetTabsWithMatchingUrl", "Tabs showing cases", {
            "url": "/lightning/r/Case/",
        }),
        ("close-subtab", "SE_SFCloseTab", "Close the case subtab", {
            "tabId": r("case-subtab", "id"),
        }),
    ]),
    ("Omni-Channel", [
        ("workload", "SE_SFGetAgentWorkload", "Omni workload", {}),
        ("omni-state", "SE_SFGetAgentState", "Omni status", {}),
        ("omni-busy", "SE_SFSetAgentState", "Omni: Busy", {"status": "Busy"}),
        ("omni-login", "SE_SFLoginAgent", "Omni log in", {"status": "Available_Voice"}),
        ("omni-logout", "SE_SFLogoutAgent", "Omni log out", {}),
    ]),
    ("Adapter page", [
        ("notify-crm", "SE_CoreHttpRequest", "Tell the CRM service", {
            "url": "https://api.example.com/v1/calls",
            "method": "POST",
            "headers": {"Content-Type": "application/json"},
            "body": {"phone": E164, "caseNumber": CASE_NO},
        }),
        ("alert", "SE_CoreAlert", "Alert the agent", {"message": r("greeting")}),
        ("modal", "SE_ShowModal", "Caller details", {
            "title": r("case-label"),
            "message": r("greeting"),
        }),
        ("jquery", "SE_CoreJQuery", "Show the number", {
            "selector": "#caller-number",
            "method": "text",
            "args": [NATIONAL],
        }),
        ("overlay", "SE_SendDataToCcpOverlay", "Overlay data", {
            "data": {
                "Caller": NATIONAL,
                "Case": CASE_NO,
                "Queue": r("contact", "queueName"),
                "Agent": r("agent-name"),
            },
        }),
        ("show-attributes", "SE_ShowAttributes", "Show attributes", {}),
        ("task-urls", "SE_ContactPopTaskReferenceUrls", "Pop task references", {}),
    ]),
    ("Wrap up", [
        ("voicemail", "SE_LeaveVoicemail", "Leave a voicemail", {
            "voicemailDropName": "CallbackReminder",
            "quickConnectName": "Voicemail Drop",
        }),
        ("hang-up", "SE_ContactDestroy", "Hang up", {}),
        ("clear", "SE_ContactClear", "Clear the contact", {}),
        ("end", "SE_End", "End", {}),
    ]),
]


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    chain = [a for _, section in SECTIONS for a in section]
    ids = [a[0] for a in chain]
    assert len(ids) == len(set(ids)), "duplicate action id"
    # Ports come from the catalog itself, so the tour follows the blocks.
    catalog = json.loads(subprocess.run(
        ["cargo", "run", "-q", "-p", "ctiflow-cli", "--", "blocks", "--json"],
        cwd=root, check=True, capture_output=True, text=True).stdout)
    ports_of = {b["type"]: b["ports"] for b in catalog}
    missing = sorted(set(ports_of) - {a[1] for a in chain})
    unknown = sorted({a[1] for a in chain} - set(ports_of))
    if missing or unknown:
        raise SystemExit(f"tour out of date: missing {missing}, unknown {unknown}")
    actions = []
    row = 0
    index = 0
    for _, section in SECTIONS:
        for col, (aid, ty, title, controls) in enumerate(section):
            if col and col % COLS == 0:
                row += 1
            nxt = ids[index + 1] if index + 1 < len(ids) else None
            ports = ports_of[ty]
            actions.append({
                "id": aid,
                "type": ty,
                "meta": {"title": title},
                "controls": controls,
                "ports": {p: nxt for p in ports} if nxt else {},
                "position": [(col % COLS) * DX, row * DY],
            })
            index += 1
        row += 1
    flow = {"name": "Catalog tour", "actions": actions}
    out = root / "flows" / "catalog-tour.json"
    out.write_text(json.dumps(flow, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {out.relative_to(root)}: {len(actions)} actions")


if __name__ == "__main__":
    main()
