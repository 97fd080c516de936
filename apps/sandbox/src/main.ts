console.log('sandbox placeholder');
