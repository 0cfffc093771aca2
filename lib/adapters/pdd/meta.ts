export const pddMeta = {
  id: 'pdd',
  name: '拼多多',
  nameEn: 'Pinduoduo',
  /** Content-script match patterns: the chat workbench only. */
  matches: ['https://mms.pinduoduo.com/chat-merchant/*'],
  ruleProfile: 'pdd',
} as const;
