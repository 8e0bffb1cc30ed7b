#!/usr/bin/env node
// Entry point of the mlpy command.
console.log('mlpy');
