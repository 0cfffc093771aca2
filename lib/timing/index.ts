export * from './profiles';
export * from './rounds';
export * from './countdown';
