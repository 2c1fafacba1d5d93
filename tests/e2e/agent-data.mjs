// Streams `agent::update` data (streams-harness.md §6): configuration once,
// snapshots built from an agent state and a list of contacts. Timestamps are
// ISO strings here; the fake CCP turns them into Dates.
const I = "arn:aws:connect:us-east-1:111122223333:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const AGENT_ID = "11111111-2222-3333-4444-555555555555";
export const QUEUE = { name: "BasicQueue", queueARN: `${I}/queue/q-basic`, queueId: `${I}/queue/q-basic` };
const STATES = {
  Available: { agentStateARN: `${I}/agent-state/available`, type: "routable", name: "Available" },
  Offline: { agentStateARN: `${I}/agent-state/offline`, type: "offline", name: "Offline" },
};
export const configuration = {
  name: "Test Agent", username: "tagent", agentARN: `${I}/agent/${AGENT_ID}`, softphoneEnabled: true,
  extension: null, permissions: ["outboundCall"], dialableCountries: ["us"], agentPreferences: { LANGUAGE: "en_US" },
  agentStates: Object.values(STATES),
  routingProfile: {
    name: "Basic Routing Profile", routingProfileARN: `${I}/routing-profile/rp-1`, routingProfileId: `${I}/routing-profile/rp-1`,
    defaultOutboundQueue: QUEUE,
    queues: [QUEUE, { name: null, queueARN: `${I}/queue/agent/${AGENT_ID}`, queueId: `${I}/queue/agent/${AGENT_ID}` }],
    channelConcurrencyMap: { VOICE: 1, CHAT: 2, TASK: 0 },
  },
};

const now = () => new Date().toISOString();

export function voiceContact(contactId, phoneNumber, state = "connecting") {
  const leg = (id, type, initial, endpoint, st) => ({
    connectionId: `${contactId}-${id}`, type, initial, endpoint, state: { type: st, timestamp: now() },
    softphoneMediaInfo: null, chatMediaInfo: null, mute: false, monitoringInfo: null, quickConnectName: null,
  });
  return {
    contactId, initialContactId: contactId, type: "voice", initiationMethod: "inbound",
    state: { type: state, timestamp: now() }, queue: QUEUE, queueTimestamp: now(), contactDuration: "0",
    attributes: { orderId: { name: "orderId", value: "A-42" } },
    name: null, description: null, references: null, segmentAttributes: null, contactFeatures: null, channelContext: null,
    connections: [
      leg("agent", "agent", false, { type: "agent", phoneNumber: null, name: null, endpointARN: null, agentLogin: null, queue: null },
        state === "connected" ? "connected" : "connecting"),
      leg("customer", "inbound", true, { type: "phone_number", phoneNumber, name: null, endpointARN: null, agentLogin: null, queue: null },
        "connected"),
    ],
  };
}

export function chatContact(contactId, state = "connected") {
  const leg = (id, type, initial, endpoint, st, chatMediaInfo) => ({
    connectionId: `${contactId}-${id}`, type, initial, endpoint, state: { type: st, timestamp: now() },
    softphoneMediaInfo: null, chatMediaInfo, mute: false, monitoringInfo: null, quickConnectName: null,
  });
  return {
    contactId, initialContactId: contactId, type: "chat", initiationMethod: "api",
    state: { type: state, timestamp: now() }, queue: QUEUE, queueTimestamp: now(), contactDuration: "0",
    attributes: {}, name: null, description: null, references: null, segmentAttributes: null, contactFeatures: null, channelContext: null,
    connections: [
      leg("agent", "agent", false, { type: "agent", phoneNumber: null, name: null, endpointARN: null, agentLogin: null, queue: null },
        state, { chatAutoAccept: false, connectionData: JSON.stringify({ ConnectionAuthenticationToken: "tok" }) }),
      leg("customer", "inbound", true, { type: "phone_number", phoneNumber: null, name: null, endpointARN: null, agentLogin: null, queue: null },
        "connected", null),
    ],
  };
}

export function taskContact(contactId, state = "connected") {
  const leg = (id, type, initial, endpoint, st) => ({
    connectionId: `${contactId}-${id}`, type, initial, endpoint, state: { type: st, timestamp: now() },
    softphoneMediaInfo: null, chatMediaInfo: null, mute: false, monitoringInfo: null, quickConnectName: null,
  });
  return {
    contactId, initialContactId: contactId, type: "task", initiationMethod: "api",
    state: { type: state, timestamp: now() }, queue: QUEUE, queueTimestamp: now(), contactDuration: "0",
    attributes: {}, name: "Call back Pat", description: "about order A-42",
    references: { Order: { type: "URL", value: "https://example.com/orders/A-42" } },
    segmentAttributes: null, contactFeatures: null, channelContext: null,
    connections: [
      leg("agent", "agent", false, { type: "agent", phoneNumber: null, name: null, endpointARN: null, agentLogin: null, queue: null }, state),
      leg("customer", "inbound", true, { type: "phone_number", phoneNumber: null, name: null, endpointARN: null, agentLogin: null, queue: null },
        "connected"),
    ],
  };
}

export function agentData(contacts = [], stateName = "Available") {
  return {
    configuration,
    snapshot: {
      state: { ...STATES[stateName], startTimestamp: "2026-01-05T09:00:00.000Z" },
      agentAvailabilityState: { state: stateName, timeStamp: "2026-01-05T09:00:00.000Z" },
      nextState: null, snapshotTimestamp: now(), localTimestamp: 0, skew: 0, contacts,
    },
  };
}
